package org.sightline.ingest.hooks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sightline.ingest.DatasetHook;
import org.sightline.ingest.HookContext;
import org.sightline.ingest.HookRow;
import org.sightline.contract.Names;
import org.sightline.contract.ValueParser;
import org.sightline.ingest.read.SourceRow;

/**
 * {@code ofsted_judgement}: what its contract cannot say. Each source row (one LA and inspection, with
 * a column per judgement) is matched to la_reference ({@link LaMatcher}) and unpivoted into one lake
 * row per judgement area that has a grade or a not-applicable marker. The grade code (the contract
 * maps the many spellings onto OUTSTANDING, GOOD, REQUIRES_IMPROVEMENT, ADEQUATE, INADEQUATE,
 * NOT_APPLICABLE, NOT_JUDGED) becomes the number 1-4 and its label in the framework's words; a marker
 * becomes an empty grade with the reason. An empty cell ('', 'nan', 'None', '-') in a judgement
 * column the sheet has rejects that area only (the rejects report names the cell; the inspection's
 * other judgements load), except where the judgement did not exist yet ({@link #judged}): then it is
 * NOT_APPLICABLE, as Ofsted's notes say of those blank cells. A column the sheet lacks gives no row for its area. Focused
 * and monitoring visits carry no judgements: not loaded, and counted in the run summary's note. A
 * sheet of social care providers (children's homes and the like, with a URN) is refused: its
 * judgements are not a local authority's. The framework, when absent, is inferred from the inspection
 * start. A report URL is kept when it is a plain URL (display text such as "Ofsted Local Authority
 * Webpage" is not a URL, and the note says so).
 */
public final class OfstedHook implements DatasetHook {

    /** Judgement areas (lake {@code area}) and the contract column each comes from, in output order. */
    public enum Area {
        OVERALL("overall_effectiveness"),
        LEADERS("impact_of_leaders"),
        HELP_AND_PROTECTION("help_and_protection"),
        IN_CARE("children_in_care"),
        CARE_LEAVERS("care_leavers");

        public final String column;

        Area(String column) {
            this.column = column;
        }
    }

    /** The separate care leavers judgement began on 1 January 2023. */
    static final LocalDate CARE_LEAVERS_FROM = LocalDate.of(2023, 1, 1);

    /** ILACS began in January 2018; the single inspection framework (SIF) in November 2013. */
    static final LocalDate ILACS_FROM = LocalDate.of(2018, 1, 1);
    static final LocalDate SIF_FROM = LocalDate.of(2013, 11, 1);

    private static final Pattern URL = Pattern.compile("(?i)(https?://|www\\.)\\S+");
    private static final Pattern AS_AT = Pattern.compile("(?i)\\b(?:as at|as of|correct at|correct as at|data to|position at|last updated|updated on)\\s*:?\\s*(.+?)\\s*\\.?$");
    private static final Pattern NUMBER = Pattern.compile("\\s*[1-4](\\.0+)?\\s*");

    private LaMatcher las;
    /** Judgement areas whose column the sheet has. */
    private final java.util.EnumSet<Area> present = java.util.EnumSet.noneOf(Area.class);

    @Override
    public String prepare(HookContext ctx) throws Exception {
        for (String cell : ctx.headerCells()) {
            String k = cell == null ? "" : Names.key(cell);
            if (k.equals("urn") || k.equals("provisiontype")) {
                throw new IllegalStateException("this sheet lists social care providers (its '" + cell.strip() + "' column names a"
                        + " provider, not a local authority): their inspections are not local authority judgements, so it is not"
                        + " loaded as ofsted_judgement");
            }
        }
        List<ColumnSpecView> cols = columns(ctx);
        present.clear();
        for (Area a : Area.values()) if (cols.stream().anyMatch(c -> c.name.equals(a.column) && c.src >= 0)) present.add(a);
        las = LaMatcher.fromLake(ctx);
        StringBuilder note = new StringBuilder();
        LocalDate asAt = dataAsAt(ctx.rowsAboveHeader(), new ValueParser(ctx.today()));
        if (asAt != null) note.append("data as at ").append(asAt).append("; ");
        note.append("LAs matched against ").append(las.las().size()).append(" in la_reference");
        List<String> absent = new ArrayList<>();
        for (Area a : Area.values()) if (!present.contains(a)) absent.add(a.name());
        if (!absent.isEmpty()) note.append("; no column for ").append(String.join(", ", absent)).append(" in this sheet");
        int fw = index(cols, "framework");
        int url = index(cols, "report_url");
        long[] visits = {0};
        long[] urls = {0, 0};
        ctx.scanRows(r -> {
            if (fw >= 0 && isVisit(r.cell(fw))) visits[0]++;
            if (url >= 0 && r.cell(url) != null && !r.cell(url).isBlank()) urls[URL.matcher(r.cell(url).strip()).matches() ? 0 : 1]++;
        });
        if (visits[0] > 0) note.append("; ").append(visits[0]).append(" focused or monitoring visit(s) carry no judgement: not loaded");
        if (urls[1] > 0 && urls[0] == 0) note.append("; the report link column holds display text, not a URL: report_url left empty");
        return note.toString();
    }

    private record ColumnSpecView(String name, int src) {}

    private static List<ColumnSpecView> columns(HookContext ctx) {
        List<ColumnSpecView> out = new ArrayList<>();
        int[] srcs = ctx.header().columns();
        var cols = ctx.contract().columns();
        for (int i = 0; i < cols.size() && i < srcs.length; i++) out.add(new ColumnSpecView(cols.get(i).name(), srcs[i]));
        return out;
    }

    private static int index(List<ColumnSpecView> cols, String name) {
        for (ColumnSpecView c : cols) if (c.name.equals(name)) return c.src;
        return -1;
    }

    /** A focused visit or monitoring visit (no judgements), as its type is written. */
    static boolean isVisit(String type) {
        if (type == null) return false;
        String k = Names.key(type);
        return k.contains("visit");
    }

    /** The date of a note such as "Data as at 31 March 2026" above the header, or null. */
    static LocalDate dataAsAt(List<SourceRow> rows, ValueParser parser) {
        for (SourceRow r : rows) {
            for (String cell : r.cells()) {
                if (cell == null) continue;
                Matcher m = AS_AT.matcher(cell.strip());
                if (!m.find()) continue;
                try {
                    return parser.parseDate(m.group(1));
                } catch (ValueParser.Failure ignored) {
                    // a note without a date we can read: not worth refusing the file for
                }
            }
        }
        return null;
    }

    @Override
    public List<Object[]> rows(HookRow row) {
        String code = (String) row.get("la_code");
        String codeColumn = "la_code";
        if (code == null) {
            code = (String) row.get("gss_code");
            codeColumn = "gss_code";
        }
        LaMatcher.Match la = las.match(code, (String) row.get("la_name"));
        if (!la.matched()) {
            row.reject(la.onCode() ? codeColumn : "la_name", "la_unmatched", la.problem());
            return List.of();
        }
        LocalDate start = (LocalDate) row.get("inspection_start");
        if (isVisit(row.cell("framework"))) return List.of();   // counted in prepare's note
        String framework = (String) row.get("framework");
        if (framework == null) framework = inferFramework(start);
        String url = (String) row.get("report_url");
        if (url != null && !URL.matcher(url).matches()) url = null;

        List<Object[]> out = new ArrayList<>(Area.values().length);
        for (Area area : Area.values()) {
            String grade = (String) row.get(area.column);
            String cell = row.cell(area.column);
            if (grade == null) {
                // 'N/A' reads as blank everywhere else; in a judgement column it says "not applicable"
                if (cell != null && Names.key(cell).equals("na")) {
                    grade = "NOT_APPLICABLE";
                } else if (!present.contains(area)) {
                    continue;
                } else if (!judged(area, framework, start)) {
                    grade = "NOT_APPLICABLE";   // the inspection pre-dates the judgement (Ofsted leaves the cell blank)
                } else {
                    row.rejectPart(area.column, "grade_missing", "no " + area.name() + " grade (the cell is "
                            + (cell == null || cell.isBlank() ? "empty" : "'" + cell.strip() + "'")
                            + "): this judgement is rejected, the inspection's others load");
                    continue;
                }
            }
            Object[] r = row.newRow();
            r[row.out("la_code")] = la.laCode();
            r[row.out("inspection_start")] = start;
            r[row.out("inspection_end")] = row.get("inspection_end");
            r[row.out("published_on")] = row.get("published_on");
            r[row.out("framework")] = framework;
            r[row.out("area")] = area.name();
            Integer g = gradeNumber(grade);
            if (g == null) {
                r[row.out("grade_reason")] = grade;
            } else {
                r[row.out("grade")] = (long) g;
                r[row.out("grade_label")] = label(grade, framework, cell != null && NUMBER.matcher(cell).matches());
            }
            r[row.out("report_url")] = url;
            out.add(r);
        }
        return out;
    }

    /**
     * Whether an inspection of this framework and start had the judgement: care leavers were judged
     * apart under SIF (a sub-judgement) and under ILACS from 1 January 2023 only; leadership not before
     * SIF (SLAC). The others always.
     */
    public static boolean judged(Area area, String framework, LocalDate start) {
        String f = framework == null ? inferFramework(start) : framework.toUpperCase(Locale.ROOT);
        return switch (area) {
            case CARE_LEAVERS -> f.equals("SIF") || (f.startsWith("ILACS") && (start == null || !start.isBefore(CARE_LEAVERS_FROM)));
            case LEADERS -> !f.equals("SLAC");
            default -> true;
        };
    }

    /** The framework of an inspection the file does not name, from when it started. */
    public static String inferFramework(LocalDate start) {
        if (start == null || !start.isBefore(ILACS_FROM)) return "ILACS";
        return start.isBefore(SIF_FROM) ? "SLAC" : "SIF";
    }

    /** 1-4 for a grade code; null for a marker (NOT_APPLICABLE, NOT_JUDGED). */
    public static Integer gradeNumber(String code) {
        return switch (code) {
            case "OUTSTANDING" -> 1;
            case "GOOD" -> 2;
            case "REQUIRES_IMPROVEMENT", "ADEQUATE" -> 3;
            case "INADEQUATE" -> 4;
            default -> null;
        };
    }

    /**
     * The grade in its framework's words: grade 3 is "Requires improvement to be good" under ILACS,
     * "Requires improvement" under SIF and "Adequate" on the pre-2013 scale (or wherever it was
     * written "Adequate"). A bare number takes the words of the framework.
     */
    public static String label(String code, String framework, boolean givenAsNumber) {
        return switch (code) {
            case "OUTSTANDING" -> "Outstanding";
            case "GOOD" -> "Good";
            case "INADEQUATE" -> "Inadequate";
            case "ADEQUATE" -> "Adequate";
            case "REQUIRES_IMPROVEMENT" -> {
                String f = framework == null ? "" : framework.toUpperCase(Locale.ROOT);
                if (f.startsWith("ILACS")) yield "Requires improvement to be good";
                if (f.equals("SLAC") && givenAsNumber) yield "Adequate";
                yield "Requires improvement";
            }
            default -> null;
        };
    }
}
