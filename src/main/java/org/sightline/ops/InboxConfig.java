package org.sightline.ops;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The inbox folders of {@code jobs/inboxes.yml}: where data officers drop files, which dataset each
 * folder holds ({@code auto}: detected per sheet), and where the site comes from (a sub-folder per
 * site, the file name, or nowhere for data that is not per site).
 */
public record InboxConfig(Path root, Duration quiet, Duration settleTimeout, List<Inbox> inboxes, Path file) {

    public static final String FILE = "inboxes.yml";

    public enum SiteFrom { FOLDER, NAME, NONE }

    /**
     * One inbox folder.
     *
     * @param folder      relative to the inbox root; never contains {@code ..}
     * @param dataset     the dataset its files hold; null: detected from each sheet's header
     * @param sitePattern with {@code site_from: name}: a regular expression whose group {@code site}
     *                    captures the site from the file name; null: the site's name or code at the start
     */
    public record Inbox(String name, String folder, String dataset, SiteFrom siteFrom, Pattern sitePattern) {}

    public static InboxConfig load(Path jobsDir, Path home) {
        Path file = jobsDir.resolve(FILE);
        Map<String, Object> m = OpsYaml.load(file);
        String rootText = OpsYaml.string(m, "root", "inbox");
        Path root = Path.of(rootText);
        if (!root.isAbsolute()) {
            checkRelative(file, rootText);
            root = home.resolve(root);
        }
        Duration quiet = Duration.ofSeconds(OpsYaml.number(file, m, "quiet_seconds", 120));
        Duration settle = Duration.ofSeconds(OpsYaml.number(file, m, "settle_timeout_seconds", 900));
        String defaultPattern = OpsYaml.string(m, "site_pattern", null);
        List<Inbox> inboxes = new ArrayList<>();
        List<Map<String, Object>> raw = m.containsKey("inboxes") ? OpsYaml.maps(file, m, "inboxes") : List.of();
        for (Map<String, Object> e : raw) {
            String folder = OpsYaml.string(e, "folder", null);
            if (folder == null || folder.isBlank()) throw new OpsYaml.OpsConfigException(file, "every inbox needs a folder");
            checkRelative(file, folder);
            String name = OpsYaml.string(e, "name", folder);
            String dataset = OpsYaml.string(e, "dataset", "auto");
            if (dataset.equalsIgnoreCase("auto")) dataset = null;
            SiteFrom from;
            try {
                from = SiteFrom.valueOf(OpsYaml.string(e, "site_from", "name").toUpperCase());
            } catch (IllegalArgumentException ex) {
                throw new OpsYaml.OpsConfigException(file, "inbox '" + name + "': site_from must be folder, name or none");
            }
            String pattern = OpsYaml.string(e, "site_pattern", defaultPattern);
            Pattern p = null;
            if (pattern != null) {
                try {
                    p = Pattern.compile(pattern);
                } catch (PatternSyntaxException ex) {
                    throw new OpsYaml.OpsConfigException(file, "inbox '" + name + "': site_pattern is not a regular expression: " + ex.getDescription());
                }
                if (!pattern.contains("(?<site>")) throw new OpsYaml.OpsConfigException(file, "inbox '" + name + "': site_pattern needs a group (?<site>...)");
            }
            if (inboxes.stream().anyMatch(x -> x.folder().equals(folder))) throw new OpsYaml.OpsConfigException(file, "two inboxes use the folder '" + folder + "'");
            inboxes.add(new Inbox(name, folder, dataset, from, p));
        }
        return new InboxConfig(root, quiet, settle, List.copyOf(inboxes), file);
    }

    /** Configured paths stay inside: relative, and no {@code ..}. */
    private static void checkRelative(Path file, String path) {
        Path p = Path.of(path);
        if (p.isAbsolute()) throw new OpsYaml.OpsConfigException(file, "'" + path + "' must be a relative path");
        for (Path part : p) {
            if (part.toString().equals("..")) throw new OpsYaml.OpsConfigException(file, "'" + path + "' may not contain '..'");
        }
    }

    public InboxConfig withTimings(Duration quiet, Duration settle) {
        return new InboxConfig(root, quiet, settle, inboxes, file);
    }
}
