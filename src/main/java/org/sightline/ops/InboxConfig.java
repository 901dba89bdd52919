package org.sightline.ops;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    /** {@code jobs/inboxes.yml} as written. */
    record File(String root, Long quietSeconds, Long settleTimeoutSeconds, String sitePattern, List<InboxEntry> inboxes) {}

    record InboxEntry(String name, String folder, String dataset, SiteFrom siteFrom, String sitePattern) {}

    public static InboxConfig load(Path jobsDir, Path home) {
        Path file = jobsDir.resolve(FILE);
        File m = OpsYaml.read(file, File.class);
        if (m == null) m = new File(null, null, null, null, null);
        String rootText = m.root() == null ? "inbox" : m.root();
        Path root = Path.of(rootText);
        if (!root.isAbsolute()) {
            checkRelative(file, rootText);
            root = home.resolve(root);
        }
        Duration quiet = Duration.ofSeconds(m.quietSeconds() == null ? 120 : m.quietSeconds());
        Duration settle = Duration.ofSeconds(m.settleTimeoutSeconds() == null ? 900 : m.settleTimeoutSeconds());
        String defaultPattern = m.sitePattern();
        List<Inbox> inboxes = new ArrayList<>();
        for (InboxEntry e : m.inboxes() == null ? List.<InboxEntry>of() : m.inboxes()) {
            String folder = e.folder();
            if (folder == null || folder.isBlank()) throw new ConfigException(file, "every inbox needs a folder: add 'folder: NAME' to each entry of inboxes");
            checkRelative(file, folder);
            String name = e.name() == null ? folder : e.name();
            String dataset = e.dataset() == null ? "auto" : e.dataset();
            if (dataset.equalsIgnoreCase("auto")) dataset = null;
            SiteFrom from = e.siteFrom() == null ? SiteFrom.NAME : e.siteFrom();
            String pattern = e.sitePattern() == null ? defaultPattern : e.sitePattern();
            Pattern p = null;
            if (pattern != null) {
                try {
                    p = Pattern.compile(pattern);
                } catch (PatternSyntaxException ex) {
                    throw new ConfigException(file, "inbox '" + name + "': site_pattern is not a regular expression: " + ex.getDescription());
                }
                if (!pattern.contains("(?<site>")) throw new ConfigException(file, "inbox '" + name + "': site_pattern needs a group (?<site>...)");
            }
            if (inboxes.stream().anyMatch(x -> x.folder().equals(folder))) throw new ConfigException(file, "two inboxes use the folder '" + folder + "'");
            inboxes.add(new Inbox(name, folder, dataset, from, p));
        }
        return new InboxConfig(root, quiet, settle, List.copyOf(inboxes), file);
    }

    /** Configured paths stay inside: relative, and no {@code ..}. */
    private static void checkRelative(Path file, String path) {
        Path p = Path.of(path);
        if (p.isAbsolute()) throw new ConfigException(file, "'" + path + "' must be a relative path");
        for (Path part : p) {
            if (part.toString().equals("..")) throw new ConfigException(file, "'" + path + "' may not contain '..'");
        }
    }

    public InboxConfig withTimings(Duration quiet, Duration settle) {
        return new InboxConfig(root, quiet, settle, inboxes, file);
    }
}
