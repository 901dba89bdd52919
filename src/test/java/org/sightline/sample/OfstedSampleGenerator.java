package org.sightline.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.sightline.ingest.hooks.OfstedHook;

/**
 * Writes the synthetic Ofsted workbooks of {@code sample-data/ofsted/} and their ground truth
 * ({@code src/test/resources/sample-expected-ofsted.json}). Deterministic: one seeded Random, fixed
 * zip times, so regenerating gives byte-identical files.
 *
 * <p>The LAs are the 18 of {@code la-reference.synthetic.csv} (real names and codes); every
 * inspection, date, grade, inspector name and URL is made up. The inspection history of each LA is
 * simulated first (an older safeguarding-and-looked-after-children inspection for a few, a SIF
 * inspection, then one or two ILACS inspections); then two workbooks show it the way people get it:
 * <ul>
 *   <li>a regional <b>summary workbook</b> as at 30 June 2025, one row per LA with its latest
 *       inspection, hand-maintained: names in any case or spelling, codes as text or missing, grades
 *       spelled many ways, not-applicable markers, 'nan'/'None' placeholders, dd/mm/yyyy and dd/mm/yy
 *       text dates, inspector names, neighbour lists, a link formula;</li>
 *   <li>an Ofsted-style <b>management-information workbook</b> as at 31 March 2026: Contents and
 *       Notes sheets, then "ILACS outcomes" (latest inspection per LA) and "Previous inspections"
 *       (the history, with SIF and pre-2013 frameworks and the "Adequate" scale), title rows and a
 *       "Data as at" note above the header, real date cells, GSS codes (former ones on old rows).</li>
 * </ul>
 * A few rows are deliberately bad; the oracle lists them and every lake row the demo must hold.
 */
public final class OfstedSampleGenerator {

    public static final long SEED = 20_250_630L;
    public static final String DIR = "ofsted";
    public static final String SUMMARY_FILE = "2025-06-regional-ofsted-summary.synthetic.xlsx";
    public static final String MI_FILE = "2026-03-ofsted-la-outcomes-mi.synthetic.xlsx";
    static final String SUMMARY_SHEET = "Regional summary 2025";
    static final String MI_LATEST = "ILACS outcomes";
    static final String MI_PREVIOUS = "Previous inspections";
    static final LocalDate SUMMARY_AS_AT = LocalDate.of(2025, 6, 30);
    static final LocalDate MI_AS_AT = LocalDate.of(2026, 3, 31);
    static final LocalDate CARE_LEAVERS_FROM = LocalDate.of(2023, 1, 1);
    static final String DASH = "\u2014";
    static final DateTimeFormatter DMY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    static final DateTimeFormatter DMYY = DateTimeFormatter.ofPattern("dd/MM/yy");

    enum Area { OVERALL, LEADERS, HELP_AND_PROTECTION, IN_CARE, CARE_LEAVERS }

    /** One inspection as it really happened (in this synthetic world). */
    static final class Inspection {
        final SampleSites.La la;
        final String framework;     // ILACS_STANDARD, ILACS_SHORT, SIF, SLAC
        final LocalDate start, end, published;
        final EnumMap<Area, String> grades = new EnumMap<>(Area.class);   // code; absent = not recorded
        String inspector;
        boolean inspectorWritten;   // whether a workbook shows the name (the MI's latest sheet does not)
        final String url;

        Inspection(SampleSites.La la, String framework, LocalDate start, LocalDate end, LocalDate published) {
            this.la = la;
            this.framework = framework;
            this.start = start;
            this.end = end;
            this.published = published;
            this.url = "https://example.org/synthetic-ofsted-reports/" + la.code() + "/" + start;
        }
    }

    /** A cell's problem in a deliberately bad row. */
    record Bad(String column, String reason, String detail) {}

    /** One data row as written: its cells, the inspection it shows (null for an LA not in la_reference), its fault. */
    static final class Line {
        final List<Object> cells;
        final Inspection inspection;
        final Bad bad;
        final Map<Area, String> written = new EnumMap<>(Area.class);   // the text of each judgement cell
        LocalDate publishedAsWritten;                                  // null when written as a placeholder
        int rowNumber;

        Line(List<Object> cells, Inspection inspection, Bad bad) {
            this.cells = cells;
            this.inspection = inspection;
            this.bad = bad;
        }
    }

    /** A sheet: title rows above the header, then lines. */
    static final class Sheet1 {
        final String file, name;
        final List<String> titles;
        final List<String> headers;
        final List<Line> lines = new ArrayList<>();

        Sheet1(String file, String name, List<String> titles, List<String> headers) {
            this.file = file;
            this.name = name;
            this.titles = titles;
            this.headers = headers;
        }
    }

    /** A formula with its cached value (what a reader sees without evaluating it). */
    record Formula(String formula, String cached) {}

    private OfstedSampleGenerator() {}

    /** Usage: {@code OfstedSampleGenerator <sample-data dir> [<expected.json>]}. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: OfstedSampleGenerator <sample-data dir> [<expected json>]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        String json = generate(out.resolve(DIR));
        Path expected = args.length > 1 ? Path.of(args[1])
                : out.toAbsolutePath().getParent().resolve("src/test/resources/sample-expected-ofsted.json");
        Files.createDirectories(expected.getParent());
        Files.writeString(expected, json, StandardCharsets.UTF_8);
        System.out.println("wrote " + out.resolve(DIR) + " and " + expected);
    }

    /** Writes both workbooks into {@code dir} and returns the oracle as JSON text. */
    public static synchronized String generate(Path dir) throws IOException {
        Files.createDirectories(dir);
        Random r = new Random(SEED);
        AVOID.clear();
        AVOID.addAll(SampleDataGenerator.datesOfBirth());
        List<Inspection> all = simulate(r);
        Sheet1 summary = summarySheet(all, r);
        Sheet1 latest = miLatestSheet(all);
        Sheet1 previous = miPreviousSheet(all, r);
        writeXlsx(dir.resolve(SUMMARY_FILE), List.of(summary), null);
        writeXlsx(dir.resolve(MI_FILE), List.of(latest, previous), miFrontSheets());
        return oracle(all, List.of(summary, latest, previous));
    }

    // ------------------------------------------------------------------ the inspections

    static final Set<String> SLAC_LAS = Set.of("801", "886", "929", "390");

    /** The sample's dates of birth: no inspection date may equal one (the privacy scans would flag it). */
    static final Set<LocalDate> AVOID = new HashSet<>();

    /** The date, or the first day after it that is no young person's date of birth. */
    static LocalDate clear(LocalDate d, int step) {
        while (AVOID.contains(d)) d = d.plusDays(step);
        return d;
    }

    static Inspection inspection(SampleSites.La la, String framework, LocalDate start, LocalDate end, LocalDate published) {
        LocalDate s = clear(start, 7);
        long shift = java.time.temporal.ChronoUnit.DAYS.between(start, s);
        return new Inspection(la, framework, s, clear(end.plusDays(shift), 1), clear(published.plusDays(shift), 1));
    }

    static List<Inspection> simulate(Random r) {
        List<Inspection> all = new ArrayList<>();
        Set<String> usedNames = new HashSet<>();
        for (SampleSites.La la : SampleDataGenerator.LAS) {
            if (SLAC_LAS.contains(la.code())) {
                LocalDate s = monday(LocalDate.of(2011, 1, 10).plusDays(r.nextInt(600)));
                Inspection i = inspection(la, "SLAC", s, s.plusDays(11), s.plusDays(11 + 28 + r.nextInt(14)));
                String overall = pick(r, new String[]{"OUTSTANDING", "GOOD", "GOOD", "ADEQUATE", "ADEQUATE", "ADEQUATE", "INADEQUATE"});
                i.grades.put(Area.OVERALL, overall);
                i.grades.put(Area.HELP_AND_PROTECTION, near(r, overall, true));
                i.grades.put(Area.IN_CARE, near(r, overall, true));
                all.add(i);
            }
            LocalDate s = monday(LocalDate.of(2014, 2, 3).plusDays(r.nextInt(1220)));
            Inspection sif = inspection(la, "SIF", s, s.plusDays(24), s.plusDays(24 + 42 + r.nextInt(28)));
            String overall = pick(r, new String[]{"OUTSTANDING", "GOOD", "GOOD", "REQUIRES_IMPROVEMENT", "REQUIRES_IMPROVEMENT",
                    "REQUIRES_IMPROVEMENT", "REQUIRES_IMPROVEMENT", "INADEQUATE", "INADEQUATE"});
            gradeAll(r, sif, overall, true);
            all.add(sif);

            // ILACS: short after a good or outstanding judgement, else standard
            String previous = overall;
            LocalDate first = monday(LocalDate.of(2018, 4, 2).plusDays(r.nextInt(1250)));
            List<LocalDate> starts = new ArrayList<>(List.of(first));
            LocalDate second = monday(first.plusDays(1000 + r.nextInt(450)));
            if (la.code().equals("879")) second = LocalDate.of(2022, 7, 11);     // published 05/09/22 (two-digit year)
            if (Set.of("886", "383", "306").contains(la.code())) second = monday(LocalDate.of(2025, 8, 4).plusDays(r.nextInt(150)));
            if (second.isBefore(MI_AS_AT.minusDays(75))) starts.add(second);
            for (LocalDate st : starts) {
                boolean isShort = previous.equals("GOOD") || previous.equals("OUTSTANDING");
                LocalDate end = st.plusDays(isShort ? 4 : 11);
                LocalDate pub = end.plusDays(35 + r.nextInt(21));
                if (la.code().equals("879") && st.equals(LocalDate.of(2022, 7, 11))) pub = LocalDate.of(2022, 9, 5);
                Inspection i = inspection(la, isShort ? "ILACS_SHORT" : "ILACS_STANDARD", st, end, pub);
                String o = improve(r, previous);
                gradeAll(r, i, o, false);
                if (st.isBefore(CARE_LEAVERS_FROM)) i.grades.put(Area.CARE_LEAVERS, "NOT_APPLICABLE");
                all.add(i);
                previous = o;
            }
        }
        for (Inspection i : all) {
            String name;
            do {
                name = pick(r, INSPECTOR_FIRST) + " " + pick(r, INSPECTOR_LAST);
            } while (!usedNames.add(name));
            i.inspector = name;
        }
        return all;
    }

    static final String[] INSPECTOR_FIRST = {"Alison", "Bernard", "Carys", "Dominic", "Eleri", "Farah", "Gareth", "Hannah",
            "Imran", "Joanne", "Kwame", "Lorna", "Marcus", "Nadia", "Owen", "Priya", "Rhiannon", "Stellan", "Tamsin", "Vikram"};
    static final String[] INSPECTOR_LAST = {"Abernethy", "Blackwood", "Carrow", "Dunmore", "Ellery", "Fairweather", "Goodfellow",
            "Hollingworth", "Ingleby", "Jessop", "Kettlewell", "Lockhart", "Merriman", "Nettleship", "Ormerod", "Pennington",
            "Quarrie", "Rowntree", "Stainforth", "Thackeray"};

    static void gradeAll(Random r, Inspection i, String overall, boolean careLeavers) {
        i.grades.put(Area.OVERALL, overall);
        i.grades.put(Area.LEADERS, near(r, overall, false));
        i.grades.put(Area.HELP_AND_PROTECTION, near(r, overall, false));
        i.grades.put(Area.IN_CARE, near(r, overall, false));
        if (careLeavers || !i.start.isBefore(CARE_LEAVERS_FROM)) i.grades.put(Area.CARE_LEAVERS, near(r, overall, false));
    }

    static final String[] SCALE = {"OUTSTANDING", "GOOD", "REQUIRES_IMPROVEMENT", "INADEQUATE"};
    static final String[] OLD_SCALE = {"OUTSTANDING", "GOOD", "ADEQUATE", "INADEQUATE"};

    /** The overall grade, or one step either side now and then. */
    static String near(Random r, String overall, boolean old) {
        String[] scale = old ? OLD_SCALE : SCALE;
        int i = java.util.Arrays.asList(scale).indexOf(overall);
        int d = r.nextInt(10);
        if (d == 0 && i > 0) i--;
        else if (d == 1 && i < 3) i++;
        return scale[i];
    }

    /** Most LAs improve a step between inspections; some stay, a few fall. */
    static String improve(Random r, String previous) {
        int i = java.util.Arrays.asList(SCALE).indexOf(previous.equals("ADEQUATE") ? "REQUIRES_IMPROVEMENT" : previous);
        int d = r.nextInt(10);
        if (d < 4 && i > 1) i--;
        else if (d == 9 && i < 3) i++;
        return SCALE[i];
    }

    static LocalDate monday(LocalDate d) {
        while (d.getDayOfWeek() != DayOfWeek.MONDAY) d = d.plusDays(1);
        return d;
    }

    static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    // ------------------------------------------------------------------ the summary workbook

    /** How the region's summary spells each LA, and whether it gives the code (null: name only). */
    static final Map<String, String[]> SUMMARY_NAMES = new LinkedHashMap<>();

    static {
        SUMMARY_NAMES.put("801", new String[]{"City of Bristol", null});
        SUMMARY_NAMES.put("810", new String[]{"Hull", null});
        SUMMARY_NAMES.put("839", new String[]{"bournemouth, christchurch & poole", null});
        SUMMARY_NAMES.put("838", new String[]{"Dorset", "838"});
        SUMMARY_NAMES.put("879", new String[]{"Plymouth", "879#"});           // '#': a number cell, not text
        SUMMARY_NAMES.put("873", new String[]{"CAMBRIDGESHIRE", "873"});
        SUMMARY_NAMES.put("874", new String[]{"Peterborough City Council", null});
        SUMMARY_NAMES.put("330", new String[]{"Birmingham", "330"});
        SUMMARY_NAMES.put("352", new String[]{"Manchester", "352"});
        SUMMARY_NAMES.put("383", new String[]{"Leeds City Council", "383"});
        SUMMARY_NAMES.put("372", new String[]{"Rotherham Metropolitan Borough Council", null});
        SUMMARY_NAMES.put("384", new String[]{"Wakefield", "E08000036"});    // a GSS code in the code column
        SUMMARY_NAMES.put("306", new String[]{"London Borough of Croydon", "306"});
        SUMMARY_NAMES.put("209", new String[]{"Lewisham", "209"});
        SUMMARY_NAMES.put("886", new String[]{"kent", "886"});
        SUMMARY_NAMES.put("921", new String[]{"Isle-of-Wight", null});
        SUMMARY_NAMES.put("929", new String[]{"Northumberland", "929"});
        SUMMARY_NAMES.put("390", new String[]{"Gateshead", "390"});
    }

    static final Map<String, String[]> SPELLINGS = Map.of(
            "OUTSTANDING", new String[]{"Outstanding", "outstanding", "1"},
            "GOOD", new String[]{"Good", "good", "GOOD", "2", "Good "},
            "REQUIRES_IMPROVEMENT", new String[]{"Requires improvement to be good", "requires improvement", "RI",
                    "REQUIRES IMPROVEMENT TO BE GOOD", "3", "Requires Improvement"},
            "INADEQUATE", new String[]{"Inadequate", "inadequate", "4"},
            "NOT_APPLICABLE", new String[]{"N/A", "Not applicable - inspection pre-dates this judgement", "n/a"});
    static final Map<String, String[]> FRAMEWORK_SPELLINGS = Map.of(
            "ILACS_SHORT", new String[]{"short", "Short", "SHORT"},
            "ILACS_STANDARD", new String[]{"standard", "Standard", "Standard inspection"});

    static Sheet1 summarySheet(List<Inspection> all, Random r) {
        Sheet1 s = new Sheet1(SUMMARY_FILE, SUMMARY_SHEET,
                List.of("SYNTHETIC SAMPLE DATA " + DASH + " made-up inspections and grades for real LA names " + DASH + " not Ofsted's judgements",
                        "Ofsted ILACS judgements " + DASH + " regional summary, latest inspection per LA (maintained by the regional performance group)",
                        "Last updated 30/06/2025"),
                List.of("Local Authority", "LA Code", "Region", "Inspection type", "Inspection start", "Inspection end", "Published",
                        "Overall effectiveness", "Impact of leaders", "Help and protection", "Children in care", "Care leavers",
                        "Lead inspector", "Statistical neighbours", "Report URL", "Link"));
        Map<String, Integer> turn = new HashMap<>();
        List<Line> lines = new ArrayList<>();
        int n = 0;
        for (SampleSites.La la : SampleDataGenerator.LAS) {
            Inspection i = latest(all, la.code(), SUMMARY_AS_AT, true);
            String[] name = SUMMARY_NAMES.get(la.code());
            Object code = name[1] == null ? null : name[1].endsWith("#") ? (Object) Long.valueOf(name[1].substring(0, 3)) : name[1];
            Bad bad = null;
            List<Object> cells = new ArrayList<>();
            cells.add(name[0]);
            cells.add(code);
            cells.add(la.code().equals("873") ? "nan" : la.region());
            String[] fw = FRAMEWORK_SPELLINGS.get(i.framework);
            cells.add(fw[n % fw.length]);
            String start = i.start.format(DMY);
            if (la.code().equals("209")) {
                start = "31/09/" + i.start.getYear();
                bad = new Bad("inspection_start", "date_impossible", "31 September does not exist");
            }
            cells.add(start);
            cells.add(i.end.format(DMY));
            boolean nonePublished = la.code().equals("330");
            cells.add(nonePublished ? "None" : i.published.format(DMYY));
            Line line = new Line(cells, i, null);
            line.publishedAsWritten = nonePublished ? null : i.published;
            for (Area a : Area.values()) {
                String g = i.grades.get(a);
                Object text;
                if (la.code().equals("838") && a == Area.LEADERS) {
                    text = "nan";                                            // not recorded in this workbook
                } else if (la.code().equals("352") && a == Area.HELP_AND_PROTECTION) {
                    text = "Excellent";
                    bad = new Bad("help_and_protection", "code", "not a grade on any Ofsted scale");
                } else if (g == null) {
                    text = "";
                } else {
                    String[] sp = SPELLINGS.get(g);
                    int k = turn.merge(g, 1, Integer::sum) - 1;
                    String t = sp[k % sp.length];
                    text = t.matches("[1-4]") ? (Object) Long.valueOf(t) : t;
                }
                cells.add(text);
                line.written.put(a, String.valueOf(text));
            }
            cells.add(i.inspector + " HMI");
            i.inspectorWritten = true;
            cells.add(neighbours(la.code()));
            cells.add(i.url);
            cells.add(new Formula("HYPERLINK(\"" + i.url + "\",\"Open report\")", "Open report"));
            lines.add(bad == null ? line : withBad(line, bad));
            n++;
        }
        // two LAs that match no LA (the national reference included): a code that is no LA's, a misspelt name only
        lines.add(new Line(new ArrayList<>(java.util.Arrays.asList("North Northamptonshire", "949", "East Midlands", "standard",
                "13/01/2025", "24/01/2025", "07/03/25", "Requires improvement to be good", "Good", "Requires improvement to be good",
                "Requires improvement to be good", "Good", "Tamsin Ellery HMI", "", "", null)), null,
                new Bad("la_code", "la_unmatched", "949 is no LA's code (North Northamptonshire is 940)")));
        lines.add(new Line(new ArrayList<>(java.util.Arrays.asList("Westmorland and Furnace", null, "North West", "standard",
                "03/03/2025", "14/03/2025", "25/04/25", "Good", "Good", "Good", "Requires improvement to be good", "Good",
                "Owen Blackwood HMI", "", "", null)), null,
                new Bad("la_name", "la_unmatched", "Westmorland and Furnace is a misspelt name that matches no LA, and no code is given")));
        lines.sort(Comparator.comparing(l -> String.valueOf(l.cells.get(0)).toLowerCase(Locale.ROOT)));
        s.lines.addAll(lines);
        return s;
    }

    static Line withBad(Line l, Bad bad) {
        Line out = new Line(l.cells, l.inspection, bad);
        out.written.putAll(l.written);
        out.publishedAsWritten = l.publishedAsWritten;
        return out;
    }

    static String neighbours(String code) {
        List<String> out = new ArrayList<>();
        for (SampleSites.La o : SampleDataGenerator.LAS) if (!o.code().equals(code) && out.size() < 4) out.add(o.name());
        return String.join("; ", out);
    }

    /** The LA's latest inspection published by {@code asAt} (ILACS only when asked). */
    static Inspection latest(List<Inspection> all, String code, LocalDate asAt, boolean ilacsOnly) {
        Inspection best = null;
        for (Inspection i : all) {
            if (!i.la.code().equals(code) || i.published.isAfter(asAt)) continue;
            if (ilacsOnly && !i.framework.startsWith("ILACS")) continue;
            if (best == null || i.start.isAfter(best.start)) best = i;
        }
        return best;
    }

    // ------------------------------------------------------------------ the MI workbook

    static final Map<String, String> MI_WORDS = Map.of("OUTSTANDING", "Outstanding", "GOOD", "Good",
            "REQUIRES_IMPROVEMENT", "Requires improvement to be good", "INADEQUATE", "Inadequate", "ADEQUATE", "Adequate",
            "NOT_APPLICABLE", "Not applicable");

    static List<String> miTitles(String what) {
        return List.of("SYNTHETIC SAMPLE DATA " + DASH + " made-up inspections and grades for real LA names " + DASH + " not Ofsted's management information",
                "Local authority children's services inspections and outcomes " + DASH + " " + what,
                "Data as at 31 March 2026");
    }

    static Sheet1 miLatestSheet(List<Inspection> all) {
        Sheet1 s = new Sheet1(MI_FILE, MI_LATEST, miTitles("most recent ILACS inspection of each LA"),
                List.of("LA code", "Local authority", "Region", "Inspection framework", "Inspection start date", "Inspection end date",
                        "Publication date", "Overall effectiveness",
                        "The impact of leaders on social work practice with children and families",
                        "The experiences and progress of children who need help and protection",
                        "The experiences and progress of children in care",
                        "The experiences and progress of care leavers", "Web link"));
        List<SampleSites.La> las = new ArrayList<>(SampleDataGenerator.LAS);
        las.sort(Comparator.comparing(SampleSites.La::name));
        for (SampleSites.La la : las) {
            Inspection i = latest(all, la.code(), MI_AS_AT, true);
            Line l = miLine(i, la.code(), la.name(), i.framework.equals("ILACS_SHORT") ? "ILACS short" : "ILACS standard", true, null);
            s.lines.add(l);
            if (la.code().equals("879")) {
                // a row pasted twice, the second time with Dorset's code: which LA is it?
                Line dup = miLine(i, "838", la.name(), "ILACS short", true, null);
                s.lines.add(withBad(dup, new Bad("la_code", "la_unmatched", "code 838 is Dorset but the name says Plymouth")));
            }
        }
        return s;
    }

    static Line miLine(Inspection i, String code, String name, String framework, boolean latestLayout, String inspector) {
        List<Object> cells = new ArrayList<>();
        cells.add(code);
        cells.add(name);
        if (latestLayout) cells.add(i.la.region());
        cells.add(framework);
        cells.add(i.start);
        cells.add(i.end);
        cells.add(i.published);
        Line l = new Line(cells, i, null);
        l.publishedAsWritten = i.published;
        for (Area a : Area.values()) {
            String g = i.grades.get(a);
            String text = g == null ? "" : i.framework.equals("SIF") && g.equals("REQUIRES_IMPROVEMENT") ? "Requires improvement" : MI_WORDS.get(g);
            cells.add(text);
            l.written.put(a, text);
        }
        if (!latestLayout) {
            cells.add(i.framework.equals("SLAC") ? "" : pickAdoption(i));
            cells.add(inspector);
        }
        cells.add(i.url);
        return l;
    }

    static String pickAdoption(Inspection i) {
        return MI_WORDS.get(i.grades.get(Area.IN_CARE));
    }

    static Sheet1 miPreviousSheet(List<Inspection> all, Random r) {
        Sheet1 s = new Sheet1(MI_FILE, MI_PREVIOUS, miTitles("earlier inspections (ILACS, SIF and the pre-2013 framework)"),
                List.of("ONS code", "Local authority name", "Framework", "Start date", "End date", "Published",
                        "Overall effectiveness", "Leadership, management and governance", "Children who need help and protection",
                        "Children looked after and achieving permanence", "Experiences and progress of care leavers",
                        "Adoption performance", "Lead inspector", "Web link"));
        List<Inspection> earlier = new ArrayList<>();
        for (Inspection i : all) {
            if (i.published.isAfter(MI_AS_AT)) continue;
            if (i == latest(all, i.la.code(), MI_AS_AT, true)) continue;
            earlier.add(i);
        }
        earlier.sort(Comparator.comparing((Inspection i) -> i.la.name()).thenComparing(i -> i.start));
        int sif = 0;
        for (Inspection i : earlier) {
            String gss = i.la.gss();
            if (i.framework.equals("SLAC") && i.la.code().equals("929")) gss = "E06000048";   // Northumberland's code before 2013
            if (i.framework.equals("SLAC") && i.la.code().equals("390")) gss = "E08000020";   // Gateshead's
            String fw = switch (i.framework) {
                case "SLAC" -> "Safeguarding and looked after children";
                case "SIF" -> (sif++ % 3 == 2) ? "" : (sif % 2 == 0 ? "SIF" : "Single inspection framework");   // blank: inferred from the date
                case "ILACS_SHORT" -> "ILACS short";
                default -> "ILACS standard";
            };
            Line l = miLine(i, gss, i.la.name(), fw, false, i.inspector);
            i.inspectorWritten = true;
            if (i.la.code().equals("372") && i.framework.equals("SIF")) {
                // the end date typed with the wrong year
                l.cells.set(4, clear(i.end.minusYears(1), -1));
                l = withBad(l, new Bad("inspection_end", "end_after_start", "end date a year before the start"));
            }
            s.lines.add(l);
        }
        return s;
    }

    static List<List<String>> miFrontSheets() {
        return List.of(
                List.of("Contents",
                        "SYNTHETIC SAMPLE DATA " + DASH + " made-up inspections and grades for real LA names",
                        "Local authority children's services inspections and outcomes: management information",
                        "",
                        "ILACS outcomes: the most recent ILACS inspection of each local authority",
                        "Previous inspections: earlier inspections, including the single inspection framework (SIF)",
                        "Notes: definitions and revisions"),
                List.of("Notes",
                        "SYNTHETIC SAMPLE DATA " + DASH + " made-up inspections and grades for real LA names",
                        "1. Data as at 31 March 2026; inspections published by that date.",
                        "2. Grades: 1 Outstanding, 2 Good, 3 Requires improvement to be good, 4 Inadequate.",
                        "3. Before 2013 the scale was Outstanding, Good, Adequate, Inadequate.",
                        "4. A separate judgement on care leavers was introduced in January 2023."));
    }

    // ------------------------------------------------------------------ writing

    static void writeXlsx(Path path, List<Sheet1> sheets, List<List<String>> front) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            CellStyle dateStyle = wb.createCellStyle();
            dateStyle.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
            CellStyle bold = wb.createCellStyle();
            Font f = wb.createFont();
            f.setBold(true);
            bold.setFont(f);
            if (front != null) {
                for (List<String> sheet : front) {
                    Sheet sh = wb.createSheet(sheet.get(0));
                    for (int i = 1; i < sheet.size(); i++) {
                        if (!sheet.get(i).isEmpty()) sh.createRow(i - 1).createCell(0).setCellValue(sheet.get(i));
                    }
                }
            }
            for (Sheet1 s : sheets) {
                Sheet sh = wb.createSheet(s.name);
                int r = 0;
                for (String t : s.titles) {
                    Cell c = sh.createRow(r++).createCell(0);
                    c.setCellValue(t);
                    if (r == 1) c.setCellStyle(bold);
                }
                r++;                                                  // a blank row above the header
                Row header = sh.createRow(r++);
                for (int c = 0; c < s.headers.size(); c++) {
                    Cell cell = header.createCell(c);
                    cell.setCellValue(s.headers.get(c));
                    cell.setCellStyle(bold);
                }
                for (Line l : s.lines) {
                    l.rowNumber = r + 1;
                    Row row = sh.createRow(r++);
                    for (int c = 0; c < l.cells.size(); c++) {
                        Object v = l.cells.get(c);
                        if (v == null) continue;
                        Cell cell = row.createCell(c);
                        if (v instanceof LocalDate d) {
                            cell.setCellValue(d);
                            cell.setCellStyle(dateStyle);
                        } else if (v instanceof Long n) {
                            cell.setCellValue(n.doubleValue());
                        } else if (v instanceof Formula fo) {
                            cell.setCellFormula(fo.formula());
                            cell.setCellValue(fo.cached());               // the cached result a reader sees
                        } else {
                            cell.setCellValue(v.toString());
                        }
                    }
                }
                for (int c = 0; c < s.headers.size(); c++) sh.setColumnWidth(c, 20 * 256);
            }
            Date fixed = Date.from(SampleDataGenerator.ZIP_TIME.toInstant(ZoneOffset.UTC));
            wb.getProperties().getCoreProperties().setCreated(Optional.of(fixed));
            wb.getProperties().getCoreProperties().setModified(Optional.of(fixed));
            wb.getProperties().getCoreProperties().setCreator("Sightline OfstedSampleGenerator (synthetic)");
            wb.getProperties().getCoreProperties().setTitle("SYNTHETIC SAMPLE DATA - not Ofsted's judgements");
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            wb.write(raw);
            Files.write(path, SampleFiles.fixedTimes(raw.toByteArray()));
        }
    }

    // ------------------------------------------------------------------ the oracle

    static final Map<String, String> LABELS = Map.of("OUTSTANDING", "Outstanding", "GOOD", "Good", "INADEQUATE", "Inadequate",
            "ADEQUATE", "Adequate");

    /**
     * The lake the demo must hold: the good rows of the sheets in load order (summary, then the MI's
     * two sheets), one row per judgement area with a grade or marker, the first file to give a key
     * (LA, inspection start, area) winning.
     */
    static String oracle(List<Inspection> all, List<Sheet1> sheets) {
        Map<String, Map<String, Object>> lake = new LinkedHashMap<>();
        List<Object> bad = new ArrayList<>();
        Map<String, Object> files = new LinkedHashMap<>();
        for (Sheet1 s : sheets) {
            int good = 0, badRows = 0, added = 0;
            for (Line l : s.lines) {
                if (l.bad != null) {
                    badRows++;
                    Map<String, Object> b = new LinkedHashMap<>();
                    b.put("file", s.file);
                    b.put("sheet", s.name);
                    b.put("row", (long) l.rowNumber);
                    b.put("column", l.bad.column());
                    b.put("reason", l.bad.reason());
                    b.put("detail", l.bad.detail());
                    bad.add(b);
                    continue;
                }
                good++;
                Inspection i = l.inspection;
                for (Area a : Area.values()) {
                    String g = i.grades.get(a);
                    String written = l.written.get(a);
                    if (written == null) continue;
                    if (g != null && (written.isEmpty() || written.equals("nan"))) {
                        // a grade the workbook does not give: that judgement alone is rejected
                        Map<String, Object> b = new LinkedHashMap<>();
                        b.put("file", s.file);
                        b.put("sheet", s.name);
                        b.put("row", (long) l.rowNumber);
                        b.put("column", OfstedHook.Area.valueOf(a.name()).column);
                        b.put("reason", "grade_missing");
                        b.put("detail", "'" + written + "': this judgement only is rejected");
                        bad.add(b);
                        continue;
                    }
                    if (g == null && written.isEmpty()) {
                        if (OfstedHook.judged(OfstedHook.Area.valueOf(a.name()), i.framework, i.start)) continue;
                        g = "NOT_APPLICABLE";   // a blank where the judgement did not exist yet
                    }
                    if (g == null) continue;
                    String key = i.la.code() + "|" + i.start + "|" + a;
                    if (lake.containsKey(key)) continue;
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("la_code", i.la.code());
                    row.put("inspection_start", i.start.toString());
                    row.put("inspection_end", i.end.toString());
                    row.put("published_on", l.publishedAsWritten == null ? null : l.publishedAsWritten.toString());
                    row.put("framework", i.framework);
                    row.put("area", a.name());
                    boolean marker = g.equals("NOT_APPLICABLE");
                    row.put("grade", marker ? null : (Object) (long) (g.equals("OUTSTANDING") ? 1 : g.equals("GOOD") ? 2 : g.equals("INADEQUATE") ? 4 : 3));
                    row.put("grade_label", marker ? null : label(g, i.framework));
                    row.put("grade_reason", marker ? "NOT_APPLICABLE" : null);
                    row.put("report_url", i.url);
                    row.put("as_written", written);
                    row.put("source_file", s.file);
                    row.put("source_sheet", s.name);
                    row.put("source_row", (long) l.rowNumber);
                    lake.put(key, row);
                    added++;
                }
            }
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("good_source_rows", (long) good);
            fm.put("bad_source_rows", (long) badRows);
            fm.put("lake_rows_added", (long) added);
            files.put(s.file + " / " + s.name, fm);
        }
        Map<String, Object> ds = new LinkedHashMap<>();
        ds.put("good_rows", (long) lake.size());
        ds.put("bad_rows", bad);
        Map<String, Object> datasets = new LinkedHashMap<>();
        datasets.put("ofsted_judgement", ds);

        List<Object> inspections = new ArrayList<>();
        List<Object> inspectors = new ArrayList<>();
        for (Inspection i : all) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("la_code", i.la.code());
            m.put("framework", i.framework);
            m.put("start", i.start.toString());
            m.put("end", i.end.toString());
            m.put("published", i.published.toString());
            Map<String, Object> g = new LinkedHashMap<>();
            i.grades.forEach((a, v) -> g.put(a.name(), v));
            m.put("grades", g);
            inspections.add(m);
            if (i.inspectorWritten) inspectors.add(i.inspector);
        }
        Map<String, Object> ofsted = new LinkedHashMap<>();
        ofsted.put("files", files);
        Map<String, Object> twoDigit = new LinkedHashMap<>();
        twoDigit.put("la_code", "879");
        twoDigit.put("written", "05/09/22");
        twoDigit.put("published_on", "2022-09-05");
        ofsted.put("two_digit_year", twoDigit);
        ofsted.put("inspector_names", inspectors);
        ofsted.put("inspections", inspections);
        ofsted.put("lake_rows", new ArrayList<Object>(lake.values()));

        Map<String, Object> root = new LinkedHashMap<>();
        root.put("about", "Ground truth for sample-data/ofsted/, written by org.sightline.sample.OfstedSampleGenerator."
                + " datasets.ofsted_judgement: rows the demo loads and the deliberately bad source rows."
                + " ofsted.inspections: the synthetic inspection history; ofsted.lake_rows: every row the lake must hold"
                + " after the demo (the summary loads before the MI workbook; the first file to give a key wins);"
                + " as_written is the judgement cell's text in that file. inspector_names must never reach the lake.");
        root.put("seed", SEED);
        root.put("datasets", datasets);
        root.put("ofsted", ofsted);
        return Json.write(root);
    }

    static String label(String g, String framework) {
        if (!g.equals("REQUIRES_IMPROVEMENT")) return LABELS.get(g);
        return framework.startsWith("ILACS") ? "Requires improvement to be good" : "Requires improvement";
    }
}
