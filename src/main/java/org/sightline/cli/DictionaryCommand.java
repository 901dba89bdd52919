package org.sightline.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.sightline.lake.DataDictionary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "dictionary", description = "Regenerate docs/data-dictionary.md from the dataset contracts.")
public final class DictionaryCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--out", description = "Where to write it (default: docs/data-dictionary.md in this checkout)")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path target = out != null ? out : common.root().resolve("docs").resolve("data-dictionary.md");
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.writeString(target, DataDictionary.markdown(common.contracts()));
        System.out.println("wrote " + target);
        return Main.OK;
    }
}
