package org.sightline.ingest.hooks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sightline.codes.Codes;
import org.sightline.ingest.DatasetHook;
import org.sightline.ingest.HookContext;
import org.sightline.ingest.HookRow;
import org.sightline.contract.ValueParser;
import org.sightline.lake.Duck;

/**
 * {@code lac_child} and {@code lac_episode}: an LA's SSDA903 return. An SSDA903 CSV names neither
 * its LA nor its year, so: the LA is an LA column's value, else a DfE code (or an LA name) in the
 * file name, else in the name of the folder holding it, matched to la_reference; the collection year
 * a column's value, else a year in the file name ({@code 2025}, {@code 2024-25}), else (episodes) the
 * return's own rule: a return holds the episodes that started on or before 31 March of its year, so
 * its year is the year ending 31 March that holds the latest DECOM (never a DEC: an episode ending
 * after the year end is a row error, not a later year); else (header) the LA's latest episodes year
 * in the lake. Codes are checked against the lists for that collection year in
 * {@code jobs/codes/ssda903.yml}.
 */
public final class Ssda903Hook implements DatasetHook {

    /** Where the year-by-year code lists live, relative to the jobs folder. */
    public static final String CODES = Codes.SSDA903;

    /** Episode columns checked against a code list, and the list's name in {@link #CODES}. */
    static final Map<String, String> CODED = linked("rne", "RNE", "ls", "LS", "cin", "CIN", "place", "PLACE",
            "place_provider", "PLACE_PROVIDER", "rec", "REC", "reason_place_change", "REASON_PLACE_CHANGE");

    private static final Pattern TWO_YEARS = Pattern.compile("(?<!\\d)(20\\d\\d)[-_/]?(\\d\\d)(?!\\d)");
    private static final Pattern ONE_YEAR = Pattern.compile("(?<!\\d)((?:19|20)\\d\\d)(?!\\d)");
    private static final Pattern LA_CODE = Pattern.compile("(?<![\\dA-Za-z])(\\d{3})(?![\\dA-Za-z])");
    private static final Pattern GSS = Pattern.compile("(?i)(?<![A-Za-z\\d])(E(?:06|08|09|10)\\d{6})(?!\\d)");
    private static final Pattern NO_UPN = Pattern.compile("(?i)UN(?:[1-9]|10)");
    private static final Pattern CODE_AS_FLOAT = Pattern.compile("\\d{3}\\.0+");
    private static final Pattern NO_URN = Pattern.compile("(?i)X+|SC9+|9+");
    private static final Set<String> NAME_NOISE = Set.of("ssda903", "903", "header", "headers", "episode", "episodes", "synthetic",
            "sample", "return", "returns", "cla", "lac", "csv", "data", "extract", "final", "v1", "v2", "v3", "copy");

    /** One list per field: collection year -> the codes allowed from that year on. */
    private Map<String, TreeMap<Integer, List<String>>> lists;
    private final Map<String, String> placeGroup = new LinkedHashMap<>();
    private LaMatcher las;
    private boolean episodes;
    private String fileLa;
    private Integer fileYear;

    @Override
    public String prepare(HookContext ctx) throws Exception {
        episodes = ctx.contract().dataset().equals("lac_episode");
        readCodes(ctx.jobsDir().resolve(CODES));
        las = LaMatcher.fromLake(ctx);
        String file = ctx.unit().file().getFileName().toString();
        List<String> notes = new ArrayList<>();

        fileLa = null;
        if (!hasColumn(ctx, "la_code")) {
            LaMatcher.Match m = laFromFileName(file);
            String from = "the file name";
            Path parent = ctx.unit().file().toAbsolutePath().getParent();
            if ((m == null || !m.matched()) && parent != null && parent.getFileName() != null) {
                LaMatcher.Match folder = laFromFileName(parent.getFileName().toString() + ".dir");
                if (folder != null && folder.matched()) {
                    m = folder;
                    from = "the folder it is in, " + parent.getFileName();
                }
            }
            if (m == null || !m.matched()) {
                throw new IllegalArgumentException("an SSDA903 file does not say whose return it is, and the file name '" + file
                        + "' names no LA in la_reference" + (m == null ? "" : " (" + m.problem() + ")")
                        + ": put the LA's three-digit DfE code in the file name (e.g. 929-episodes-2025.csv) or the folder's name"
                        + " (929/SSDA903_2025_episodes.csv), or add an LA column");
            }
            fileLa = m.laCode();
            notes.add("LA " + m.laCode() + " " + m.laName() + " (from " + from + ")");
        }
        fileYear = null;
        if (!hasColumn(ctx, "collection_year")) {
            fileYear = yearFromFileName(file);
            String how = "from the file name";
            if (fileYear == null && episodes) {
                // the return's own rule: it holds the episodes that started on or before 31 March of its year
                LocalDate[] latest = new LocalDate[1];
                ValueParser parser = new ValueParser(ctx.today());
                int decom = column(ctx, "decom");
                ctx.scanRows(row -> {
                    String v = decom < 0 ? null : row.cell(decom);
                    if (ValueParser.isBlank(v)) return;
                    try {
                        LocalDate d = parser.parseDate(v);
                        if (!d.isAfter(ctx.today()) && (latest[0] == null || d.isAfter(latest[0]))) latest[0] = d;
                    } catch (ValueParser.Failure ignored) {
                        // that row is rejected later with the reason
                    }
                });
                if (latest[0] != null) {
                    fileYear = yearEnding(latest[0]);
                    how = "the year ending 31 March that holds the latest episode start (DECOM), " + latest[0];
                }
            } else if (fileYear == null && fileLa != null) {
                fileYear = latestEpisodeYear(ctx, fileLa);
                how = "the latest SSDA903 episodes of LA " + fileLa + " in the lake";
            }
            if (fileYear == null) {
                throw new IllegalArgumentException("the collection year of '" + file + "' cannot be told: put it in the file name"
                        + " (e.g. 929-header-2025.csv for 2024-25) or load the LA's episodes file first");
            }
            notes.add("collection year " + label(fileYear) + " (" + how + ")");
        }
        return "SSDA903 " + (episodes ? "episodes" : "header") + ": " + String.join("; ", notes);
    }

    @Override
    public List<Object[]> rows(HookRow row) {
        Object[] out = row.stored();
        String la = fileLa;
        if (la == null) {
            String given = (String) row.get("la_code");
            if (given == null) {
                row.reject("la_code", "required", "the LA is required (its three-digit DfE code or its name)");
                return List.of();
            }
            // an LA column may hold the code (929, E06000057) or the name (Northumberland)
            String g = given.strip();
            boolean code = LA_CODE.matcher(g).matches() || GSS.matcher(g).matches() || CODE_AS_FLOAT.matcher(g).matches();
            LaMatcher.Match m = code ? las.match(given, null) : las.match(null, given);
            if (!m.matched()) {
                row.reject("la_code", "la_unmatched", m.problem());
                return List.of();
            }
            la = m.laCode();
        }
        out[row.out("la_code")] = la;
        Integer year = fileYear;
        if (year == null) {
            Long y = (Long) row.get("collection_year");
            if (y == null) {
                row.reject("collection_year", "required", "the collection year is required (the year ending 31 March, e.g. 2025)");
                return List.of();
            }
            year = y.intValue();
        }
        out[row.out("collection_year")] = (long) year;
        if (episodes) {
            for (Map.Entry<String, String> e : CODED.entrySet()) {
                String v = (String) row.get(e.getKey());
                if (v == null) continue;
                String code = v.strip().toUpperCase(Locale.ROOT);
                List<String> allowed = allowed(e.getValue(), year);
                if (!allowed.contains(code)) {
                    row.reject(e.getKey(), "code", "'" + v.strip() + "' is not a " + e.getValue() + " code for the collection year "
                            + label(year) + "; allowed: " + String.join(", ", allowed));
                } else {
                    out[row.out(e.getKey())] = code;
                }
            }
            LocalDate yearEnd = LocalDate.of(year, 3, 31);
            LocalDate started = (LocalDate) row.get("decom"), ended = (LocalDate) row.get("dec");
            if (started != null && started.isAfter(yearEnd)) {
                row.reject("decom", "collection_year", "the episode started (DECOM " + started + ") after the end of the collection year "
                        + label(year) + " (" + yearEnd + "): it belongs in a later return");
            }
            if (ended != null && ended.isAfter(yearEnd)) {
                row.reject("dec", "collection_year", "the episode ceased (DEC " + ended + ") after the end of the collection year "
                        + label(year) + " (" + yearEnd + "): in this return it is still open (DEC and REC blank)");
            }
            boolean ceased = row.get("dec") != null, reason = row.get("rec") != null;
            if (ceased && !reason) row.reject("rec", "required", "an episode that ceased (DEC given) needs its reason (REC)");
            if (reason && !ceased) row.reject("dec", "required", "a reason the episode ceased (REC) is given but no date (DEC)");
            String urn = (String) row.get("urn");
            if (urn != null && NO_URN.matcher(urn.strip()).matches()) out[row.out("urn")] = null;
            String place = (String) out[row.out("place")];
            out[row.out("placement_group")] = place == null ? null : placeGroup.get(place);
        } else {
            String upn = row.raw("upn");
            if (upn != null && NO_UPN.matcher(upn.strip()).matches()) {
                out[row.out("upn_key")] = null;
                out[row.out("upn_unavailable")] = upn.strip().toUpperCase(Locale.ROOT);
            }
        }
        return java.util.Collections.singletonList(out);
    }

    /** The codes allowed for a field in a collection year (the latest list from that year or before; the first list before any). */
    List<String> allowed(String field, int year) {
        TreeMap<Integer, List<String>> byYear = lists.get(field);
        if (byYear == null || byYear.isEmpty()) throw new IllegalStateException(CODES + " has no list for " + field);
        Map.Entry<Integer, List<String>> e = byYear.floorEntry(year);
        return (e == null ? byYear.firstEntry() : e).getValue();
    }

    /** "2025" -> "2024-25". */
    static String label(int year) {
        return (year - 1) + "-" + String.format("%02d", year % 100);
    }

    /** The year ending 31 March that holds a date. */
    static int yearEnding(LocalDate d) {
        return d.getMonthValue() >= 4 ? d.getYear() + 1 : d.getYear();
    }

    /** 2024-25, 202425, 2024_25 -> 2025; a lone 2025 -> 2025; null when the name holds no year. */
    static Integer yearFromFileName(String file) {
        Matcher two = TWO_YEARS.matcher(file);
        while (two.find()) {
            int first = Integer.parseInt(two.group(1));
            if ((first + 1) % 100 == Integer.parseInt(two.group(2))) return first + 1;
        }
        Matcher one = ONE_YEAR.matcher(file);
        Integer found = null;
        while (one.find()) {
            int y = Integer.parseInt(one.group(1));
            if (found != null && found != y) return null;   // two different years: not guessed
            found = y;
        }
        return found;
    }

    /** The LA a file name names: a DfE code or GSS code la_reference knows, else the rest of the name as an LA name. */
    LaMatcher.Match laFromFileName(String file) {
        String stem = file.replaceFirst("\\.[A-Za-z]+$", "");
        Set<String> codes = new LinkedHashSet<>();
        Matcher m = LA_CODE.matcher(stem);
        while (m.find()) {
            LaMatcher.Match x = las.match(m.group(1), null);
            if (x.matched()) codes.add(x.laCode());
        }
        Matcher g = GSS.matcher(stem);
        while (g.find()) {
            LaMatcher.Match x = las.match(g.group(1), null);
            if (x.matched()) codes.add(x.laCode());
        }
        if (codes.size() == 1) return las.match(codes.iterator().next(), null);
        if (codes.size() > 1) return new LaMatcher.Match(null, null, "it names more than one LA: " + String.join(", ", codes), false);
        List<String> words = new ArrayList<>();
        for (String w : stem.split("[^A-Za-z0-9]+")) {
            if (w.isEmpty() || NAME_NOISE.contains(w.toLowerCase(Locale.ROOT)) || w.chars().allMatch(Character::isDigit)) continue;
            words.add(w);
        }
        if (words.isEmpty()) return null;
        return las.match(null, String.join(" ", words));
    }

    private static Integer latestEpisodeYear(HookContext ctx, String la) throws Exception {
        List<Path> files = ctx.publishedFiles("lac_episode");
        if (files.isEmpty()) return null;
        try (Connection c = ctx.duck(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT max(collection_year) FROM read_parquet(" + Duck.fileList(files)
                     + ", union_by_name = true) WHERE la_code = '" + la.replace("'", "''") + "'")) {
            if (rs.next()) {
                long y = rs.getLong(1);
                return rs.wasNull() ? null : (int) y;
            }
        }
        return null;
    }

    private static boolean hasColumn(HookContext ctx, String name) {
        return column(ctx, name) >= 0;
    }

    private static int column(HookContext ctx, String name) {
        List<org.sightline.contract.ColumnSpec> cols = ctx.contract().columns();
        for (int i = 0; i < cols.size(); i++) if (cols.get(i).name().equals(name)) return ctx.header().columns()[i];
        return -1;
    }

    private void readCodes(Path file) {
        if (!Files.isRegularFile(file)) throw new IllegalStateException("the SSDA903 code lists " + file + " are missing");
        Codes.Ssda903 codeLists = Codes.read(file, Codes.Ssda903.class);
        if (codeLists == null) throw new IllegalStateException(file + " is not a map of code lists");
        lists = new LinkedHashMap<>();
        placeGroup.clear();
        if (codeLists.placeGroups() != null) codeLists.placeGroups().forEach((label, codes) -> {
            if (codes != null) for (String c : codes) placeGroup.put(c, label);
        });
        codeLists.lists().forEach((field, years) -> {
            TreeMap<Integer, List<String>> byYear = new TreeMap<>();
            years.forEach((y, codes) -> {
                List<String> list = new ArrayList<>();
                if (codes != null) for (String c : codes) list.add(c.toUpperCase(Locale.ROOT));
                byYear.put(y, List.copyOf(list));
            });
            lists.put(field, byYear);
        });
        for (String field : CODED.values()) {
            if (!lists.containsKey(field)) throw new IllegalStateException(file + " has no list for " + field);
        }
    }

    private static Map<String, String> linked(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }
}
