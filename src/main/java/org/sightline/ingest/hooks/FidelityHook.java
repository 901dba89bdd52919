package org.sightline.ingest.hooks;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sightline.codes.Codes;
import org.sightline.contract.Contract;
import org.sightline.ingest.DatasetHook;
import org.sightline.ingest.HookContext;
import org.sightline.ingest.HookRow;
import org.sightline.contract.Names;
import org.sightline.contract.ValueParser;
import org.sightline.ingest.read.SourceRow;
import org.sightline.lake.Duck;

/**
 * What the TAM-R and SAM contracts ({@code fidelity_tam}, {@code fidelity_sam}) cannot say:
 * <ul>
 *   <li><b>Score scale, per file.</b> MST Institute exports give adherence as a 0–1 fraction or as a
 *   0–100 percentage. A first pass over the file decides: a score strictly between 0 and 1 looks
 *   like a fraction, one above 1 (up to 100) or written with {@code %} like a percentage; 0 and 1
 *   fit both. A file holding both kinds is refused (naming a row of each); otherwise every score is
 *   stored as a 0–1 fraction (exact decimal arithmetic, so 72.86 and 0.7286 store the same value).</li>
 *   <li><b>Team names, per site</b>, from {@code jobs/codes/teams.yml} (site -> team code -> aliases).</li>
 *   <li><b>Interview dates against the case</b> (TAM-R only): when the case is in the lake
 *   ({@code referral.case_start_date}, {@code case_closure.start_date/end_date}, joined through the
 *   case pseudonym), an interview before the case started or after it closed is a row error.</li>
 * </ul>
 */
public final class FidelityHook implements DatasetHook {

    static final String SCORE = "adherence_score";
    static final DateTimeFormatter UK = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    enum Scale { FRACTION, PERCENT }

    private Scale scale;
    private Map<String, Map<String, String>> teams;          // site -> alias key -> team code
    private Map<String, List<String>> teamCodes;            // site -> team codes, for messages
    private Map<String, LocalDate[]> cases;                  // site \u0001 case pseudonym -> {start, end}
    private Path teamsFile;

    @Override
    public String prepare(HookContext ctx) throws Exception {
        Contract contract = ctx.contract();
        teamsFile = contract.file().toAbsolutePath().getParent().getParent().resolve(Codes.TEAMS);
        teams = new HashMap<>();
        teamCodes = new HashMap<>();
        if (contract.column("team") != null) loadTeams();
        cases = new HashMap<>();
        if (contract.column("case_key") != null) loadCases(ctx);
        return detectScale(ctx);
    }

    // ------------------------------------------------------------------ scale

    private String detectScale(HookContext ctx) throws Exception {
        Contract contract = ctx.contract();
        int colIndex = contract.columns().indexOf(contract.column(SCORE));
        int src = ctx.header().columns()[colIndex];
        if (src < 0) {
            scale = Scale.FRACTION;
            return null;
        }
        long[] fractionRow = {0}, percentRow = {0};
        String[] fractionText = {null}, percentText = {null};
        long[] counts = new long[2];
        ctx.scanRows((SourceRow row) -> {
            String text = row.cell(src);
            if (ValueParser.isBlank(text)) return;
            String t = text.strip();
            boolean sign = t.endsWith("%");
            double v;
            try {
                v = ValueParser.parseDecimal(sign ? t.substring(0, t.length() - 1) : t);
            } catch (ValueParser.Failure e) {
                return; // not a number: a row error later, or a total/header row
            }
            if (v < 0 || v > 100) return; // out of range on any scale: a row error later
            if (sign || v > 1) {
                if (counts[1]++ == 0) {
                    percentRow[0] = row.row();
                    percentText[0] = t;
                }
            } else if (v > 0 && v < 1) {
                if (counts[0]++ == 0) {
                    fractionRow[0] = row.row();
                    fractionText[0] = t;
                }
            }
        });
        if (counts[0] > 0 && counts[1] > 0) {
            throw new IllegalArgumentException("the adherence scores mix 0-1 fractions (" + counts[0] + " rows, e.g. row "
                    + fractionRow[0] + ": " + fractionText[0] + ") and 0-100 percentages (" + counts[1] + " rows, e.g. row "
                    + percentRow[0] + ": " + percentText[0] + "); a file must use one scale; nothing was loaded");
        }
        if (counts[1] > 0) {
            scale = Scale.PERCENT;
            return "adherence scores given as 0-100 percentages (e.g. row " + percentRow[0] + ": " + percentText[0]
                    + "); stored as 0-1 fractions";
        }
        scale = Scale.FRACTION;
        return counts[0] > 0
                ? "adherence scores given as 0-1 fractions (e.g. row " + fractionRow[0] + ": " + fractionText[0] + ")"
                : "adherence scores read as 0-1 fractions (only 0 and 1 found, which fit either scale)";
    }

    /** The score as a 0-1 fraction, exactly as its decimal digits say (72.86 % -> 0.7286). */
    static double normalise(double parsed, String raw, Scale scale) {
        String t = raw == null ? "" : raw.strip();
        BigDecimal d;
        if (t.endsWith("%")) {
            try {
                d = new BigDecimal(t.substring(0, t.length() - 1).strip().replace(",", "")).movePointLeft(2);
            } catch (NumberFormatException e) {
                d = BigDecimal.valueOf(parsed); // the engine already divided by 100
            }
            return d.doubleValue();
        }
        d = BigDecimal.valueOf(parsed);
        return (scale == Scale.PERCENT ? d.movePointLeft(2) : d).doubleValue();
    }

    // ------------------------------------------------------------------ teams

    private void loadTeams() {
        if (!Files.isRegularFile(teamsFile)) return;
        Map<String, Map<String, List<String>>> sites = Codes.teams(teamsFile);
        if (sites == null) return;
        for (Map.Entry<String, Map<String, List<String>>> s : sites.entrySet()) {
            String site = s.getKey();
            Map<String, String> lookup = new LinkedHashMap<>();
            List<String> codes = new ArrayList<>();
            Map<String, List<String>> byTeam = s.getValue();
            if (byTeam == null) {
                throw new IllegalArgumentException(teamsFile + ": site " + site + " needs a mapping of team codes to aliases");
            }
            for (Map.Entry<String, List<String>> t : byTeam.entrySet()) {
                String code = t.getKey();
                codes.add(code);
                List<String> aliases = new ArrayList<>(List.of(code));
                if (t.getValue() != null) aliases.addAll(t.getValue());
                for (String a : aliases) {
                    String prev = lookup.put(Names.key(a), code);
                    if (prev != null && !prev.equals(code)) {
                        throw new IllegalArgumentException(teamsFile + ": at site " + site + " the alias '" + a + "' names both " + prev + " and " + code);
                    }
                }
            }
            teams.put(site, lookup);
            teamCodes.put(site, codes);
        }
    }

    // ------------------------------------------------------------------ case dates

    private void loadCases(HookContext ctx) throws Exception {
        List<Path> referrals = ctx.publishedFiles("referral");
        List<Path> closures = ctx.publishedFiles("case_closure");
        List<String> parts = new ArrayList<>();
        if (!referrals.isEmpty()) {
            parts.add("SELECT site_id, referral_key AS case_key, case_start_date AS start_date, CAST(NULL AS DATE) AS end_date FROM read_parquet("
                    + Duck.fileList(referrals) + ", union_by_name = true) WHERE case_start_date IS NOT NULL");
        }
        if (!closures.isEmpty()) {
            parts.add("SELECT site_id, case_key, start_date, end_date FROM read_parquet(" + Duck.fileList(closures) + ", union_by_name = true)");
        }
        if (parts.isEmpty()) return;
        String sql = "SELECT site_id, case_key, min(start_date), max(end_date) FROM (" + String.join(" UNION ALL ", parts)
                + ") GROUP BY site_id, case_key";
        try (Connection c = ctx.duck(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                java.sql.Date s = rs.getDate(3), e = rs.getDate(4);
                cases.put(rs.getString(1) + '\u0001' + rs.getString(2),
                        new LocalDate[]{s == null ? null : s.toLocalDate(), e == null ? null : e.toLocalDate()});
            }
        }
    }

    // ------------------------------------------------------------------ rows

    @Override
    public List<Object[]> rows(HookRow row) {
        Object[] out = row.stored();
        String site = (String) row.get("site_id");

        Object parsed = row.get(SCORE);
        if (parsed != null) {
            double v = normalise(((Number) parsed).doubleValue(), row.raw(SCORE), scale);
            if (v < 0 || v > 1) {
                row.reject(SCORE, "range", "'" + row.raw(SCORE).strip() + "' is outside the adherence range "
                        + (scale == Scale.PERCENT ? "0-100 (this file gives percentages)" : "0-1 (this file gives fractions)"));
                return List.of();
            }
            out[row.out(SCORE)] = v;
        }

        if (row.get("team") != null) {
            String text = String.valueOf(row.get("team"));
            Map<String, String> lookup = teams.get(site);
            String code = lookup == null ? null : lookup.get(Names.key(text));
            if (code == null) {
                row.reject("team", "team", lookup == null
                        ? "no teams are listed for " + site + " in jobs/codes/teams.yml; add the site and its teams"
                        : "'" + text.strip() + "' is not a team of " + site + " (teams: " + String.join(", ", teamCodes.get(site))
                                + "); add the spelling to jobs/codes/teams.yml");
                return List.of();
            }
            out[row.out("team")] = code;
        }

        if (!cases.isEmpty() && row.get("collected_on") instanceof LocalDate on) {
            Object key = out[row.out("case_key")];
            LocalDate[] known = cases.get(site + '\u0001' + key);
            if (known != null) {
                if (known[0] != null && on.isBefore(known[0])) {
                    row.reject("collected_on", "interview_before_case_start", "the interview is dated " + UK.format(on)
                            + ", before the case started on " + UK.format(known[0]));
                    return List.of();
                }
                if (known[1] != null && on.isAfter(known[1])) {
                    row.reject("collected_on", "interview_after_case_end", "the interview is dated " + UK.format(on)
                            + ", after the case closed on " + UK.format(known[1]));
                    return List.of();
                }
            }
        }
        return java.util.Collections.singletonList(out);
    }
}
