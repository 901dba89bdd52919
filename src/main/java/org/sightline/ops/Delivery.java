package org.sightline.ops;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.sightline.contract.Names;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the monthly packs ({@code <home>/reports/YYYY-MM/}) to their recipient groups, as
 * {@code jobs/delivery.yml} says: a copy in an outbox folder per group and month
 * ({@code <home>/outbox/<group>/<YYYY-MM>/}) always, and an email with the files attached when the
 * group lists addresses and an SMTP server is configured.
 *
 * <p>Every attempt is recorded in {@code <home>/delivery/log.jsonl}. A delivery is made once per
 * set of files: a group whose files have not changed since its last successful delivery gets nothing
 * new; a regenerated pack is delivered again. A failed delivery is tried again (a few times, with a
 * pause) in the same run, then recorded as FAILED, reported in the run summary, on the console and by
 * {@code sightline status}, and tried again by every later run until it succeeds: never dropped.
 */
public final class Delivery {

    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String FILE = "delivery.yml";

    /**
     * One delivery attempt (after its retries) of one group's files for one month through one channel.
     * Holds file names and a count of recipients, never addresses or contents.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attempt(@JsonProperty("month") String month, @JsonProperty("group") String group,
                          @JsonProperty("channel") String channel, @JsonProperty("files") List<String> files,
                          @JsonProperty("fingerprint") String fingerprint, @JsonProperty("status") String status,
                          @JsonProperty("tries") int tries, @JsonProperty("recipients") int recipients,
                          @JsonProperty("error") String error, @JsonProperty("at") String at) {
        public static final String DELIVERED = "DELIVERED";
        public static final String FAILED = "FAILED";

        public boolean delivered() {
            return DELIVERED.equals(status);
        }

        String unit() {
            return month + "\u0000" + group + "\u0000" + channel;
        }

        public String line() {
            return String.format("%-9s %s %s -> %s (%d file%s%s)%s", status, month, channel, group, files.size(), files.size() == 1 ? "" : "s",
                    recipients > 0 ? ", " + recipients + " recipient" + (recipients == 1 ? "" : "s") : "",
                    error == null ? "" : ": " + error);
        }
    }

    /** SMTP settings; the password comes from an environment variable or a file, never from delivery.yml itself. */
    public record Smtp(String host, int port, String security, String username, String passwordEnv, Path passwordFile,
                       String from, String trust, int timeoutSeconds) {}

    /** A recipient group: which files (by site, by name pattern) and, optionally, who gets them by email. */
    public record Group(String name, List<String> sites, List<String> files, List<String> email, boolean outbox) {}

    public record Config(Path outbox, int attempts, long retryDelayMillis, Smtp smtp, List<Group> groups, Path file) {}

    private final Path home;
    private final Config config;
    private final Clock clock;

    public Delivery(Path home, Config config, Clock clock) {
        this.home = home;
        this.config = config;
        this.clock = clock;
    }

    /** {@code jobs/delivery.yml} as written. */
    record File(String outbox, Integer attempts, Long retryDelaySeconds, SmtpEntry smtp, List<GroupEntry> groups) {}

    record SmtpEntry(String host, Integer port, String security, String username, String passwordEnv, String passwordFile,
                     String from, String trust, Integer timeoutSeconds) {}

    record GroupEntry(String name, List<String> sites, List<String> files, List<String> email, Boolean outbox) {}

    public static Config load(Path jobsDir, Path home) {
        Path file = jobsDir.resolve(FILE);
        File m = OpsYaml.read(file, File.class);
        if (m == null) m = new File(null, null, null, null, null);
        Path outbox = Path.of(m.outbox() == null ? "outbox" : m.outbox());
        if (!outbox.isAbsolute()) outbox = home.resolve(outbox);
        int attempts = Math.max(1, m.attempts() == null ? 3 : m.attempts());
        long delay = (m.retryDelaySeconds() == null ? 60 : m.retryDelaySeconds()) * 1000;
        Smtp smtp = null;
        SmtpEntry s = m.smtp();
        if (s != null && s.host() != null && !s.host().isBlank()) {
            String security = (s.security() == null ? "starttls" : s.security()).toLowerCase(Locale.ROOT);
            if (!List.of("starttls", "tls", "none").contains(security)) {
                throw new ConfigException(file, "smtp.security must be starttls, tls or none");
            }
            int port = s.port() != null ? s.port() : security.equals("tls") ? 465 : security.equals("starttls") ? 587 : 25;
            String pf = s.passwordFile();
            Path passwordFile = pf == null ? null : (Path.of(pf).isAbsolute() ? Path.of(pf) : home.resolve(pf));
            if (s.from() == null) throw new ConfigException(file, "smtp.from (the sender address) is required: add 'from: ADDRESS' under smtp");
            smtp = new Smtp(s.host(), port, security, s.username(),
                    s.passwordEnv() == null ? "SIGHTLINE_SMTP_PASSWORD" : s.passwordEnv(), passwordFile, s.from(),
                    s.trust(), s.timeoutSeconds() == null ? 60 : s.timeoutSeconds());
        }
        List<Group> groups = new ArrayList<>();
        for (GroupEntry g : m.groups() == null ? List.<GroupEntry>of() : m.groups()) {
            String name = g.name();
            if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new ConfigException(file, "every group needs a name of letters, digits, '.', '_' or '-' (it names its outbox folder)");
            }
            groups.add(new Group(name, orEmpty(g.sites()), orEmpty(g.files()), orEmpty(g.email()), g.outbox() == null || g.outbox()));
        }
        return new Config(outbox, attempts, delay, smtp, List.copyOf(groups), file);
    }

    private static List<String> orEmpty(List<String> l) {
        return l == null ? List.of() : l;
    }

    public Path reportsDir(YearMonth month) {
        return home.resolve("reports").resolve(month.toString());
    }

    public Path logFile() {
        return home.resolve("delivery").resolve("log.jsonl");
    }

    /**
     * The months to look at when none is named: the previous month (this month's packs are about it),
     * and every month with a delivery still failing.
     */
    public List<YearMonth> defaultMonths(LocalDate today) throws IOException {
        TreeSet<YearMonth> out = new TreeSet<>();
        out.add(YearMonth.from(today).minusMonths(1));
        for (Attempt a : undelivered()) out.add(YearMonth.parse(a.month()));
        return List.copyOf(out);
    }

    /** Runs the deliveries due for these months; returns the attempts made (nothing when all is delivered). */
    public List<Attempt> deliver(List<YearMonth> months) throws IOException {
        Map<String, Attempt> last = lastDelivered();
        List<Attempt> out = new ArrayList<>();
        for (YearMonth month : months) {
            List<Path> files = files(month);
            if (files.isEmpty()) continue;
            for (Group g : config.groups()) {
                List<Path> mine = files.stream().filter(f -> selects(g, reportsDir(month).relativize(f))).toList();
                if (mine.isEmpty()) continue;
                String fp = fingerprint(month, mine);
                List<String> names = mine.stream().map(f -> reportsDir(month).relativize(f).toString()).toList();
                List<String> channels = new ArrayList<>();
                if (g.outbox()) channels.add("outbox");
                if (!g.email().isEmpty()) channels.add("email");
                for (String channel : channels) {
                    Attempt prev = last.get(month + "\u0000" + g.name() + "\u0000" + channel);
                    if (prev != null && fp.equals(prev.fingerprint())) continue;
                    Attempt a = attempt(month, g, channel, mine, names, fp);
                    record(a);
                    out.add(a);
                }
            }
        }
        return out;
    }

    private Attempt attempt(YearMonth month, Group g, String channel, List<Path> files, List<String> names, String fp) {
        String error = null;
        int tries = 0;
        for (int i = 1; i <= config.attempts(); i++) {
            tries = i;
            try {
                if (channel.equals("outbox")) toOutbox(month, g, files);
                else email(month, g, files);
                error = null;
                break;
            } catch (IOException | MessagingException | RuntimeException e) {
                error = message(e);
                LOG.warn("delivery month={} group={} channel={} try={} of {} failed: {}", month, g.name(), channel, i, config.attempts(), error);
                if (i < config.attempts()) sleep(config.retryDelayMillis());
            }
        }
        Attempt a = new Attempt(month.toString(), g.name(), channel, names, fp, error == null ? Attempt.DELIVERED : Attempt.FAILED,
                tries, channel.equals("email") ? g.email().size() : 0, error, clock.instant().toString());
        LOG.info("delivery month={} group={} channel={} files={} status={} tries={}", month, g.name(), channel, names.size(), a.status(), tries);
        return a;
    }

    private static String message(Exception e) {
        Throwable t = e;
        String msg = e.getMessage();
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) msg = msg == null ? t.getMessage() : msg + ": " + t.getMessage();
        }
        return msg == null ? e.getClass().getSimpleName() : msg.replaceAll("\\s+", " ");
    }

    private void toOutbox(YearMonth month, Group g, List<Path> files) throws IOException {
        Path dir = config.outbox().resolve(g.name()).resolve(month.toString());
        for (Path f : files) {
            Path target = dir.resolve(reportsDir(month).relativize(f).toString());
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
            Files.copy(f, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private void email(YearMonth month, Group g, List<Path> files) throws IOException, MessagingException {
        Smtp smtp = config.smtp();
        if (smtp == null) {
            throw new IllegalStateException("group '" + g.name() + "' has email recipients but " + config.file() + " has no smtp server");
        }
        Properties p = new Properties();
        p.put("mail.smtp.host", smtp.host());
        p.put("mail.smtp.port", String.valueOf(smtp.port()));
        String ms = String.valueOf(smtp.timeoutSeconds() * 1000L);
        p.put("mail.smtp.connectiontimeout", ms);
        p.put("mail.smtp.timeout", ms);
        p.put("mail.smtp.writetimeout", ms);
        switch (smtp.security()) {
            case "tls" -> p.put("mail.smtp.ssl.enable", "true");
            case "starttls" -> {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
            }
            default -> { }
        }
        if (!smtp.security().equals("none")) {
            if (smtp.trust() != null) p.put("mail.smtp.ssl.trust", smtp.trust());
            p.put("mail.smtp.ssl.checkserveridentity", String.valueOf(!"*".equals(smtp.trust())));
        }
        String password = password(smtp);
        boolean auth = smtp.username() != null && !smtp.username().isBlank();
        p.put("mail.smtp.auth", String.valueOf(auth));
        Session session = Session.getInstance(p);
        MimeMessage msg = new MimeMessage(session);
        msg.setFrom(new InternetAddress(smtp.from()));
        for (String to : g.email()) msg.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
        msg.setSubject("Sightline monthly packs for " + g.name() + ": " + month, "UTF-8");
        MimeMultipart mp = new MimeMultipart();
        MimeBodyPart text = new MimeBodyPart();
        StringBuilder body = new StringBuilder();
        body.append("The Sightline monthly packs for ").append(month).append(" are attached:\n\n");
        for (Path f : files) body.append("  ").append(f.getFileName()).append(" (").append(Files.size(f) / 1024 + 1).append(" KB)\n");
        body.append("\nThis message was sent automatically by Sightline. The packs use pseudonymised data only.\n");
        text.setText(body.toString(), "UTF-8");
        mp.addBodyPart(text);
        for (Path f : files) {
            MimeBodyPart att = new MimeBodyPart();
            att.attachFile(f.toFile());
            att.setFileName(f.getFileName().toString());
            mp.addBodyPart(att);
        }
        msg.setContent(mp);
        msg.setSentDate(java.util.Date.from(clock.instant()));
        if (auth) Transport.send(msg, smtp.username(), password);
        else Transport.send(msg);
    }

    private static String password(Smtp smtp) throws IOException {
        if (smtp.passwordFile() != null) return Files.readString(smtp.passwordFile(), StandardCharsets.UTF_8).strip();
        String env = System.getenv(smtp.passwordEnv());
        return env == null ? "" : env;
    }

    /** The finished files of a month's reports folder, sub-folders included, hidden and temporary ({@code *.tmp}) files left out. */
    public List<Path> files(YearMonth month) throws IOException {
        Path dir = reportsDir(month);
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                    .filter(f -> dir.relativize(f).toString().chars().noneMatch(c -> c == '\n'))
                    // only finished files: a report run killed mid-write leaves its temporary file behind
                    .filter(f -> !f.getFileName().toString().endsWith(".tmp"))
                    .filter(f -> { for (Path part : dir.relativize(f)) if (part.toString().startsWith(".")) return false; return true; })
                    .sorted().toList();
        }
    }

    /** Whether a group gets a file: its sites (the site's code in the file name, ignoring case and punctuation) or its name patterns; everything when it names neither. */
    static boolean selects(Group g, Path relative) {
        if (g.sites().isEmpty() && g.files().isEmpty()) return true;
        String name = relative.getFileName().toString();
        String key = Names.key(name);
        for (String site : g.sites()) if (!Names.key(site).isEmpty() && key.contains(Names.key(site))) return true;
        for (String pattern : g.files()) {
            PathMatcher pm = FileSystems.getDefault().getPathMatcher("glob:" + pattern.toLowerCase(Locale.ROOT));
            if (pm.matches(Path.of(name.toLowerCase(Locale.ROOT)))) return true;
        }
        return false;
    }

    private String fingerprint(YearMonth month, List<Path> files) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path f : files) {
                md.update(reportsDir(month).relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(Files.readAllBytes(f));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest(), 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void record(Attempt a) throws IOException {
        Path f = logFile();
        Files.createDirectories(f.getParent());
        Files.writeString(f, JSON.writeValueAsString(a) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Every attempt on record, oldest first. */
    public List<Attempt> history() throws IOException {
        return history(home);
    }

    public static List<Attempt> history(Path home) throws IOException {
        Path f = home.resolve("delivery").resolve("log.jsonl");
        List<Attempt> out = new ArrayList<>();
        if (!Files.exists(f)) return out;
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) continue;
                try {
                    out.add(JSON.readValue(line, Attempt.class));
                } catch (IOException e) {
                    // a half-written last line after a crash
                }
            }
        }
        return out;
    }

    /** Per month, group and channel: its latest successful delivery. */
    private Map<String, Attempt> lastDelivered() throws IOException {
        Map<String, Attempt> last = new LinkedHashMap<>();
        for (Attempt a : history()) if (a.delivered()) last.put(a.unit(), a);
        return last;
    }

    /** Deliveries whose latest attempt failed: still owed (for {@code sightline status}). */
    public List<Attempt> undelivered() throws IOException {
        return undelivered(home);
    }

    public static List<Attempt> undelivered(Path home) throws IOException {
        Map<String, Attempt> latest = new LinkedHashMap<>();
        for (Attempt a : history(home)) latest.put(a.unit(), a);
        return latest.values().stream().filter(a -> !a.delivered()).toList();
    }

    private static void sleep(long ms) {
        if (ms <= 0) return;
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
