package org.sightline.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Writes the synthetic looked-after-children sample ({@code sample-data/lac/}) and its ground truth
 * ({@code src/test/resources/sample-expected-lac.json}): two DfE open-data tables for the sample LAs,
 * their regions and England (with suppressed cells and thousands separators), and one LA's SSDA903
 * return (header and episodes tables, with some invalid codes). Deterministic: one seeded Random.
 *
 * <p>Usage: {@code LacSampleGenerator <sample-data dir> [<expected.json>]}.
 */
public final class LacSampleGenerator {

    public static final long SEED = 20_250_331L;
    public static final String DIR = "lac";
    public static final String RATES_FILE = "dfe-cla-on-31-march-starts-ceased.synthetic.csv";
    public static final String PLACEMENTS_FILE = "dfe-cla-placements.synthetic.csv";
    public static final String HEADER_FILE = "ssda903-929-northumberland-header.synthetic.csv";
    public static final String EPISODES_FILE = "ssda903-929-northumberland-episodes-2024-25.synthetic.csv";
    /** The SSDA903 sample's LA and collection year (the year ending 31 March 2025). */
    public static final String SSDA903_LA = "929";
    public static final int SSDA903_YEAR = 2025;
    static final int FIRST_YEAR = 2020, LAST_YEAR = 2025;
    static final String TITLE = "SYNTHETIC SAMPLE DATA";
    static final DateTimeFormatter DMY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    record Region(String code, String name) {}

    static final Map<String, Region> REGIONS = new LinkedHashMap<>();
    static {
        REGIONS.put("North East", new Region("E12000001", "North East"));
        REGIONS.put("North West", new Region("E12000002", "North West"));
        REGIONS.put("Yorkshire and The Humber", new Region("E12000003", "Yorkshire and The Humber"));
        REGIONS.put("West Midlands", new Region("E12000005", "West Midlands"));
        REGIONS.put("East of England", new Region("E12000006", "East of England"));
        REGIONS.put("London", new Region("E12000007", "London"));
        REGIONS.put("South East", new Region("E12000008", "South East"));
        REGIONS.put("South West", new Region("E12000009", "South West"));
    }

    /** Suppressed cells placed on purpose: la_code, year, column -> symbol. */
    static final String[][] SUPPRESSED = {
            {"390", "2022", "rate_per_10000", "x"},
            {"921", "2023", "rate_per_10000", "[x]"},
            {"921", "2024", "started", "c"},
            {"921", "2025", "ceased", "[c]"},
            {"306", "2021", "number", "z"},
            {"209", "2024", "ceased", "low"},
            {"879", "2025", "started", "u"},
            {"874", "2020", "rate_per_10000", ":"},
    };

    private LacSampleGenerator() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: LacSampleGenerator <sample-data dir> [<expected json>]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        String json = generate(out.resolve(DIR));
        Path expected = args.length > 1 ? Path.of(args[1])
                : out.toAbsolutePath().getParent().resolve("src/test/resources/sample-expected-lac.json");
        Files.writeString(expected, json, StandardCharsets.UTF_8);
        System.out.println("wrote " + out.resolve(DIR) + " and " + expected);
    }

    /** Writes the sample files into {@code dir}; returns the ground truth as JSON. */
    public static synchronized String generate(Path dir) throws IOException {
        Files.createDirectories(dir);
        Random r = new Random(SEED);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("note", "Ground truth of sample-data/lac/ (LacSampleGenerator): what the files say, for tests; synthetic.");
        root.put("dfe", writeDfe(dir, r));
        root.put("ssda903", writeSsda903(dir, r));
        return Json.write(root);
    }

    // ------------------------------------------------------------------ DfE tables

    private static Map<String, Object> writeDfe(Path dir, Random r) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(TITLE + " - DfE open-data layout - made-up figures for real LA codes and names");
        lines.add("time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,"
                + "old_la_code,new_la_code,la_name,cla_group,characteristic,number,rate_per_10000");
        Map<String, Object> rates = new LinkedHashMap<>();      // la_code -> year -> printed rate or symbol
        Map<String, Object> numbers = new LinkedHashMap<>();    // la_code -> year -> [cla, started, ceased] as printed
        Map<String, Object> england = new LinkedHashMap<>();
        Map<String, Map<Integer, long[]>> regionSums = new LinkedHashMap<>();   // region -> year -> {cla, pop}
        Map<String, Map<Integer, String[]>> laRows = new LinkedHashMap<>();
        for (SampleSites.La la : SampleDataGenerator.LAS) {
            double base = 40 + r.nextInt(90);
            Map<Integer, String[]> byYear = new LinkedHashMap<>();
            Map<String, Object> rateOut = new LinkedHashMap<>(), numOut = new LinkedHashMap<>();
            for (int y = FIRST_YEAR; y <= LAST_YEAR; y++) {
                base = Math.max(25, base + r.nextInt(11) - 4);
                long rate = Math.round(base);
                long cla = Math.round(rate * la.population() / 10_000.0);
                long started = Math.round(cla * (0.30 + 0.1 * r.nextDouble()));
                long ceased = Math.round(cla * (0.28 + 0.1 * r.nextDouble()));
                String[] v = {String.valueOf(cla), String.valueOf(rate), String.valueOf(started), String.valueOf(ceased)};
                for (String[] s : SUPPRESSED) {
                    if (!s[0].equals(la.code()) || !s[1].equals(String.valueOf(y))) continue;
                    int i = switch (s[2]) { case "number" -> 0; case "rate_per_10000" -> 1; case "started" -> 2; default -> 3; };
                    v[i] = s[3];
                }
                byYear.put(y, v);
                rateOut.put(String.valueOf(y), v[1]);
                numOut.put(String.valueOf(y), List.of(v[0], v[2], v[3]));
                long[] sum = regionSums.computeIfAbsent(la.region(), k -> new LinkedHashMap<>()).computeIfAbsent(y, k -> new long[2]);
                sum[0] += cla;
                sum[1] += la.population();
            }
            laRows.put(la.code(), byYear);
            rates.put(la.code(), rateOut);
            numbers.put(la.code(), numOut);
        }
        for (int y = FIRST_YEAR; y <= LAST_YEAR; y++) {
            long cla = 80_000 + (y - FIRST_YEAR) * 1_150L + r.nextInt(400);
            long rate = 67 + (y - FIRST_YEAR) / 2;
            long started = Math.round(cla * 0.39), ceased = Math.round(cla * 0.37);
            england.put(String.valueOf(y), List.of(String.valueOf(cla), String.valueOf(rate), String.valueOf(started), String.valueOf(ceased)));
            String geo = y + ",Reporting year,National,E92000001,England,,,,,,";
            lines.add(geo + "Looked after on 31 March,Total," + thousands(cla) + "," + rate);
            lines.add(geo + "Started during the year,Total," + thousands(started) + ",");
            lines.add(geo + "Ceased during the year,Total," + thousands(ceased) + ",");
            for (Map.Entry<String, Map<Integer, long[]>> e : regionSums.entrySet()) {
                Region reg = REGIONS.get(e.getKey());
                long[] s = e.getValue().get(y);
                // a region's figures here are its sample LAs' only (synthetic): the rate follows from them
                String rg = y + ",Reporting year,Regional,E92000001,England," + reg.code() + "," + reg.name() + ",,,,";
                lines.add(rg + "Looked after on 31 March,Total," + thousands(s[0]) + "," + Math.round(s[0] * 10_000.0 / s[1]));
            }
            for (SampleSites.La la : SampleDataGenerator.LAS) {
                Region reg = REGIONS.get(la.region());
                String[] v = laRows.get(la.code()).get(y);
                String g = y + ",Reporting year,Local authority,E92000001,England," + reg.code() + "," + reg.name() + ","
                        + la.code() + "," + la.gss() + "," + csv(la.name()) + ",";
                lines.add(g + "Looked after on 31 March,Total," + thousandsText(v[0]) + "," + v[1]);
                lines.add(g + "Started during the year,Total," + thousandsText(v[2]) + ",");
                lines.add(g + "Ceased during the year,Total," + thousandsText(v[3]) + ",");
            }
        }
        Files.write(dir.resolve(RATES_FILE), lines, StandardCharsets.UTF_8);

        // the placement table: financial-year periods (202324), a filter Sightline has no column for, percentages
        List<String> p = new ArrayList<>();
        p.add(TITLE + " - DfE open-data layout - made-up placement figures");
        p.add("time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,"
                + "old_la_code,new_la_code,la_name,cla_group,placement_type,number,percentage");
        String[] types = {"Foster placements", "Placed for adoption", "Placed with parents", "Children's homes and secure units", "Other placements"};
        double[] share = {0.70, 0.03, 0.07, 0.14, 0.06};
        Map<String, Object> placements = new LinkedHashMap<>();
        for (int y = 2023; y <= LAST_YEAR; y++) {
            String period = (y - 1) + String.format("%02d", y % 100);
            for (SampleSites.La la : SampleDataGenerator.LAS) {
                if (!List.of("929", "390", "330", "801", "810").contains(la.code())) continue;
                Region reg = REGIONS.get(la.region());
                String c = laRows.get(la.code()).get(y)[0];
                long cla = c.matches("\\d+") ? Long.parseLong(c) : 100;
                Map<String, Object> byType = new LinkedHashMap<>();
                for (int i = 0; i < types.length; i++) {
                    long n = Math.round(cla * (share[i] + (r.nextDouble() - 0.5) * 0.02));
                    String num = n < 6 ? "c" : thousands(n);
                    String pct = n < 6 ? "[c]" : String.format(Locale.UK, "%.1f", 100.0 * n / cla);
                    p.add(period + ",Financial year,Local authority,E92000001,England," + reg.code() + "," + reg.name() + ","
                            + la.code() + "," + la.gss() + "," + csv(la.name()) + ",Looked after on 31 March," + csv(types[i]) + ","
                            + num + "," + pct);
                    byType.put(types[i], List.of(num, pct));
                }
                Map<String, Object> laP = (Map<String, Object>) placements.computeIfAbsent(la.code(), k -> new LinkedHashMap<String, Object>());
                laP.put(String.valueOf(y), byType);
            }
        }
        Files.write(dir.resolve(PLACEMENTS_FILE), p, StandardCharsets.UTF_8);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("files", List.of(RATES_FILE, PLACEMENTS_FILE));
        out.put("rate_per_10000_looked_after_on_31_march", rates);
        out.put("number_looked_after_started_ceased", numbers);
        out.put("england_number_rate_started_ceased", england);
        out.put("placements", placements);
        List<Object> supp = new ArrayList<>();
        for (String[] s : SUPPRESSED) supp.add(List.of(s[0], s[1], s[2], s[3]));
        out.put("suppressed", supp);
        out.put("rates_file_data_lines", (long) lines.size() - 2);
        out.put("placements_file_data_lines", (long) p.size() - 2);
        return out;
    }

    private static String thousands(long n) {
        return n >= 1000 ? '"' + String.format(Locale.UK, "%,d", n) + '"' : String.valueOf(n);
    }

    private static String thousandsText(String v) {
        return v.matches("\\d+") ? thousands(Long.parseLong(v)) : v;
    }

    private static String csv(String v) {
        return v.contains(",") || v.contains("\"") ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    // ------------------------------------------------------------------ SSDA903

    static final String[] PLACES = {"U1", "U2", "U3", "U4", "U5", "U6", "K2", "R1", "P1", "H5", "A4", "S1", "Z1"};
    static final int[] PLACE_WEIGHT = {6, 4, 14, 10, 12, 8, 6, 1, 3, 3, 2, 1, 1};
    static final String[] LS = {"C1", "C2", "V2", "E1", "L1", "L2", "J1"};
    static final int[] LS_WEIGHT = {20, 30, 12, 2, 1, 1, 1};
    static final String[] CIN = {"N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"};
    static final String[] ETHNIC = {"WBRI", "WBRI", "WBRI", "WBRI", "WBRI", "WBRI", "WOTH", "MWBC", "MOTH", "AOTH", "BAFR", "OOTH", "NOBT"};
    static final String[] REC_FINAL = {"E11", "E12", "E13", "E4A", "E45", "E8", "E17", "E7"};
    static final String[] CHANGE = {"CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB", "CREQO", "CHILD", "LAREQ", "PLACE", "OTHER"};
    static final String[] SECTORS = {"NE61 1", "NE61 2", "NE63 9", "NE64 6", "NE65 0", "NE66 1", "NE46 1", "NE22 5", "NE24 1", "TD15 1"};

    /** Invalid values placed on purpose: episode line index (1-based data line), column, bad value. */
    static final Object[][] BAD = {
            {7, "PLACE", "Z9"},
            {19, "LS", "C3"},
            {33, "RNE", "X"},
            {46, "CIN", "N9"},
            {58, "REC", "E99"},
            {71, "PLACE_PROVIDER", "PR7"},
    };

    private static Map<String, Object> writeSsda903(Path dir, Random r) throws IOException {
        LocalDate yearStart = LocalDate.of(SSDA903_YEAR - 1, 4, 1), yearEnd = LocalDate.of(SSDA903_YEAR, 3, 31);
        List<String> header = new ArrayList<>(), episodes = new ArrayList<>();
        header.add(TITLE + " - SSDA903 header table - made-up children");
        header.add("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB");
        episodes.add(TITLE + " - SSDA903 episodes table - made-up episodes");
        episodes.add("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN");
        List<String> ids = new ArrayList<>(), upns = new ArrayList<>(), dobs = new ArrayList<>(), postcodes = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        int children = 90;
        for (int c = 0; c < children; c++) {
            String id = String.format("NL%06d", 104_000 + c * 37 + r.nextInt(30));
            ids.add(id);
            LocalDate dob = LocalDate.of(2007, 1, 1).plusDays(r.nextInt(17 * 365));
            if (dob.getDayOfMonth() == 1) dob = dob.plusDays(1);   // a date of birth never equals its stored birth month
            dobs.add(dob.format(DMY));
            dobs.add(dob.toString());
            boolean female = r.nextBoolean();
            String sex = c % 9 == 0 ? (female ? "F" : "M") : (female ? "2" : "1");
            String upn;
            if (dob.isAfter(LocalDate.of(2021, 1, 1))) upn = "UN1";
            else if (c % 23 == 5) upn = "UN5";
            else {
                upn = "A" + (900_000_000_000L + r.nextInt(1_000_000_000)) ;
                upns.add(upn);
            }
            header.add(id + "," + sex + "," + dob.format(DMY) + "," + ETHNIC[r.nextInt(ETHNIC.length)] + "," + upn + ","
                    + (female && c % 11 == 3 ? "1" : (female ? "0" : "")) + ",");
            // one period of care that overlaps the collection year: starts before or during it
            LocalDate start = yearStart.minusDays(900).plusDays(r.nextInt(900 + 330));
            if (start.isBefore(dob)) start = dob.plusDays(30);
            if (start.isAfter(yearEnd.minusDays(5))) start = yearEnd.minusDays(40);
            String home = SECTORS[r.nextInt(SECTORS.length)] + letters(r);
            postcodes.add(home);
            int nEpisodes = 1 + r.nextInt(4);
            LocalDate d = start;
            String ls = pick(LS, LS_WEIGHT, r);
            String cin = CIN[r.nextInt(CIN.length)];
            boolean endsInYear = r.nextInt(3) == 0;
            LocalDate periodEnd = endsInYear ? yearStart.plusDays(r.nextInt(360)) : null;
            if (periodEnd != null && !periodEnd.isAfter(start.plusDays(nEpisodes * 20L))) periodEnd = null;
            for (int e = 0; e < nEpisodes; e++) {
                String place = pick(PLACES, PLACE_WEIGHT, r);
                String provider = place.startsWith("A") ? "" : (place.startsWith("U") ? "PR" + (1 + r.nextInt(2)) : "PR" + (3 + r.nextInt(2)));
                String rne = e == 0 ? "S" : (r.nextInt(4) == 0 ? "L" : "P");
                if (rne.equals("L")) ls = pick(LS, LS_WEIGHT, r);
                boolean last = e == nEpisodes - 1;
                LocalDate next;
                if (!last) {
                    LocalDate limit = periodEnd != null ? periodEnd : yearEnd;
                    long span = java.time.temporal.ChronoUnit.DAYS.between(d, limit);
                    next = span < 10 * (nEpisodes - e) ? null : d.plusDays(5 + r.nextInt((int) (span / (nEpisodes - e))));
                    if (next == null) last = true;
                } else {
                    next = periodEnd;
                }
                String dec = next == null ? "" : next.format(DMY);
                String rec = next == null ? "" : (last ? REC_FINAL[r.nextInt(REC_FINAL.length)] : "X1");
                String change = !last && next != null && r.nextBoolean() ? CHANGE[r.nextInt(CHANGE.length)] : "";
                String pl = SECTORS[r.nextInt(SECTORS.length)] + letters(r);
                postcodes.add(pl);
                String urn = place.equals("K2") ? "SC" + (400_000 + r.nextInt(99_999)) : "XXXXXXX";
                rows.add(new ArrayList<>(List.of(id, d.format(DMY), rne, ls, cin, place, provider, dec, rec, change, home, pl, urn)));
                if (next == null || last) break;
                d = next;
            }
        }
        List<String> cols = List.of("CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN");
        List<Object> bad = new ArrayList<>();
        for (Object[] b : BAD) {
            int line = (Integer) b[0];
            List<String> row = rows.get(line - 1);
            int col = cols.indexOf((String) b[1]);
            if (b[1].equals("REC") && row.get(7).isEmpty()) {   // a REC needs its DEC: pick the next ceased episode
                while (rows.get(line - 1).get(7).isEmpty()) line++;
                row = rows.get(line - 1);
            }
            row.set(col, (String) b[2]);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", EPISODES_FILE);
            m.put("row", (long) line + 2);   // below the title and header lines
            m.put("column", ((String) b[1]).toLowerCase(Locale.ROOT));
            m.put("value", b[2]);
            bad.add(m);
        }
        for (List<String> row : rows) episodes.add(String.join(",", row));
        // CRLF, as LA systems export them
        Files.writeString(dir.resolve(HEADER_FILE), String.join("\r\n", header) + "\r\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(EPISODES_FILE), String.join("\r\n", episodes) + "\r\n", StandardCharsets.UTF_8);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("la_code", SSDA903_LA);
        out.put("collection_year", (long) SSDA903_YEAR);
        out.put("header_file", HEADER_FILE);
        out.put("episodes_file", EPISODES_FILE);
        out.put("children", (long) children);
        out.put("episodes", (long) rows.size());
        out.put("bad_episode_rows", bad);
        Map<String, Object> privacy = new LinkedHashMap<>();
        privacy.put("identifiers", ids);
        privacy.put("upns", upns);
        privacy.put("dates_of_birth", dobs);
        privacy.put("postcodes", postcodes);
        out.put("privacy", privacy);
        return out;
    }

    private static String letters(Random r) {
        String abc = "ABDEFGHJLNPQRSTUWXYZ";
        return "" + abc.charAt(r.nextInt(abc.length())) + abc.charAt(r.nextInt(abc.length()));
    }

    private static String pick(String[] values, int[] weights, Random r) {
        int total = 0;
        for (int w : weights) total += w;
        int x = r.nextInt(total);
        for (int i = 0; i < values.length; i++) {
            x -= weights[i];
            if (x < 0) return values[i];
        }
        return values[values.length - 1];
    }
}
