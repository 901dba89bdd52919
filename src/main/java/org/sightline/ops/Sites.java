package org.sightline.ops;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sightline.contract.Names;

/**
 * The MST sites Sightline knows ({@code jobs/codes/sites.yml}: code and the spellings used for it),
 * for telling a file's site from its folder or name. Matching folds case and punctuation like the
 * contracts' code matching (so {@code metro-city}, {@code Metro City} and {@code METRO_CITY} are one
 * site), and is exact, never a substring.
 */
public final class Sites {

    private final Map<String, String> byKey = new LinkedHashMap<>();
    private final List<String> codes = new ArrayList<>();

    public Sites(Map<String, List<String>> aliases) {
        for (Map.Entry<String, List<String>> e : aliases.entrySet()) {
            codes.add(e.getKey());
            byKey.put(Names.key(e.getKey()), e.getKey());
            for (String a : e.getValue()) byKey.putIfAbsent(Names.key(a), e.getKey());
        }
    }

    public static Sites load(Path jobsDir) {
        Path file = jobsDir.resolve("codes").resolve("sites.yml");
        Map<String, List<String>> m = OpsYaml.read(file, OpsYaml.mapOfLists());
        Map<String, List<String>> aliases = new LinkedHashMap<>();
        if (m != null) m.forEach((code, names) -> aliases.put(code, names == null ? List.of() : names));
        return new Sites(aliases);
    }

    public List<String> codes() {
        return codes;
    }

    /** The site a folder name or captured text stands for; null when none. */
    public String match(String text) {
        if (text == null) return null;
        String k = Names.key(text);
        return k.isEmpty() ? null : byKey.get(k);
    }

    /**
     * The site a file name starts with: the longest run of leading words (split on {@code - _ . space})
     * that is a site's code or alias, e.g. {@code metro-city-referrals-2026-10.csv} -> METRO_CITY.
     */
    public String fromFileName(String fileName) {
        String[] words = fileName.split("[-_. ]+");
        String found = null;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words.length && i < 8; i++) {
            sb.append(words[i]);
            String s = byKey.get(Names.key(sb.toString()));
            if (s != null) found = s;
        }
        return found;
    }
}
