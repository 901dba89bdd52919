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
import org.sightline.ingest.Names;
import org.sightline.ingest.ValueParser;
import org.sightline.ingest.read.SourceRow;

/**
 * {@code ofsted_judgement}: what its contract cannot say. Each source row (one LA and inspection, with
 * a column per judgement) is matched to la_reference ({@link LaMatcher}) and unpivoted into one lake
 * row per judgement area that has a grade or a not-applicable marker. The grade code (the contract
 * maps the many spellings onto OUTSTANDING, GOOD, REQUIRES_IMPROVEMENT, ADEQUATE, INADEQUATE,
 * NOT_APPLICABLE, NOT_JUDGED) becomes the number 1-4 and its label in the framework's words; a marker
 * becomes an empty grade with the reason. An empty cell ('', 'nan', 'None', '-') gives no row for
 * that area: nothing was recorded. The framework, when absent, is inferred from the inspection start.
 * A report URL is kept when it is a plain URL (a link formula's display text is ignored).
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

    /** ILACS began in January 2018; the single inspection framework (SIF) in November 2013. */
    static final LocalDate ILACS_FROM = LocalDate.of(2018, 1, 1);
    static final LocalDate SIF_FROM = LocalDate.of(2013, 11, 1);

    private static final Pattern URL = Pattern.compile("(?i)(https?://|www\\.)\\S+");
    private static final Pattern AS_AT = Pattern.compile("(?i)\\b(?:as at|as of|correct at|correct as at|data to|position at|last updated|updated on)\\s*:?\\s*(.+?)\\s*\\.?$");
    private static final Pattern NUMBER = Pattern.compile("\\s*[1-4](\\.0+)?\\s*");

    private LaMatcher las;

    @Override
    public String prepare(HookContext ctx) throws Exception {
        las = LaMatcher.fromLake(ctx);
        String note = "LAs matched against " + las.las().size() + " in la_reference";
        LocalDate asAt = dataAsAt(ctx.rowsAboveHeader(), new ValueParser(ctx.today()));
        return asAt == null ? note : "data as at " + asAt + "; " + note;
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
                if (cell != null && Names.key(cell).equals("na")) grade = "NOT_APPLICABLE";
                else continue;
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
