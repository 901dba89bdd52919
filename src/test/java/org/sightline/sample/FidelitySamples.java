package org.sightline.sample;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

import org.sightline.sample.SampleDataGenerator.Bad;
import org.sightline.sample.SampleDataGenerator.Case;
import org.sightline.sample.SampleDataGenerator.DateStyle;
import org.sightline.sample.SampleDataGenerator.Kind;
import org.sightline.sample.SampleDataGenerator.Line;
import org.sightline.sample.SampleDataGenerator.Oracle;
import org.sightline.sample.SampleDataGenerator.Referral;
import org.sightline.sample.SampleDataGenerator.SiteData;
import org.sightline.sample.SampleDataGenerator.SiteDef;
import org.sightline.sample.SampleDataGenerator.Table;

/**
 * The synthetic MST fidelity exports of {@code sample-data/fidelity/}: monthly TAM-R interviews (a
 * caregiver rates the therapist) and SAM ratings (a therapist rates the supervisor), for the same
 * sites, cases and therapists as the referral logs, in the shapes the MST Institute's web system
 * exports: XLSX or CSV, scores as 0-1 fractions or (Expanded City) 0-100 percentages.
 *
 * <p>What the sample holds on purpose: a low-adherence therapist (Metro City's {@code MC-T06});
 * a month with no exports (Northern Shire, August 2025); a later export repeating earlier months
 * (Isolated Coastal's 2025-26 workbook repeats September and October 2025); two team spellings for
 * the same Metro City teams; and bad rows: a score out of range, an interview before its case
 * started, one after its case closed, a duplicate interview, an unknown team and a blank supervisor.
 *
 * <p>The ground truth it adds to the oracle (per site, {@code sites.<id>.fidelity}) is computed here
 * from the simulated interviews, with the definitions of {@code reports/sql/fidelity/*.sql} applied
 * to what the lake will hold (good rows only, case dates only where the case's row is good).
 */
final class FidelitySamples {

    static final String DIR = "fidelity";
    static final int THRESHOLD_E4 = 6_100;
    static final String LOW_ADHERENCE_THERAPIST = "MC-T06";
    static final LocalDate MISSING_MONTH = LocalDate.of(2025, 8, 1);   // Northern Shire sent no exports

    private FidelitySamples() {}

    /** One TAM-R interview (case set) or SAM rating (supervisor set), as simulated. */
    static final class Rating {
        Case c;
        String therapist, supervisor, team;   // team: the canonical team code
        LocalDate on;
        int scoreE4;                          // adherence in ten-thousandths (7286 = 0.7286 = 72.86 %)
        long items;
        Bad bad;
        Object badValue;
        boolean second;                       // the second export of a repeated month

        LocalDate month() {
            return on.withDayOfMonth(1);
        }
    }

    /** How one site writes its exports. */
    record Style(String siteSpelling, Map<String, String> tamTeams, Map<String, String> samTeams, boolean percent,
                 DateStyle dates) {}

    static void write(Path dir, SiteData d, Random r, Oracle oracle) throws IOException {
        Files.createDirectories(dir);
        SiteDef s = d.site;
        Map<String, String> teamOf = new LinkedHashMap<>();
        Map<String, String> supervisorOf = new LinkedHashMap<>();
        if (s.id.equals("METRO_CITY")) {
            for (String t : d.therapists) teamOf.put(t, Integer.parseInt(t.substring(4)) <= 4 ? "MC_NORTH" : "MC_SOUTH");
            supervisorOf.put("MC_NORTH", "MC-S01");
            supervisorOf.put("MC_SOUTH", "MC-S02");
        } else {
            String team = switch (s.id) {
                case "ISOLATED_COASTAL" -> "IC_MST";
                case "EXPANDED_CITY" -> "EC_MST";
                case "NORTHERN_SHIRE" -> "NS_MST";
                default -> "RV_PSB";
            };
            for (String t : d.therapists) teamOf.put(t, team);
            supervisorOf.put(team, s.prefix() + "-S01");
        }
        Map<String, Integer> base = new HashMap<>();
        for (String t : d.therapists) {
            base.put(t, t.equals(LOW_ADHERENCE_THERAPIST) ? 4_900 : 7_000 + r.nextInt(1_300));
        }
        LocalDate missing = s.id.equals("NORTHERN_SHIRE") ? MISSING_MONTH : null;

        // TAM-R: for every case, one interview in most months it is open
        List<Case> cases = new ArrayList<>();
        for (Referral ref : d.referrals) if (ref.caze != null) cases.add(ref.caze);
        cases.sort(Comparator.comparing((Case c) -> c.start).thenComparing(c -> c.ref.id));
        List<Rating> tam = new ArrayList<>();
        for (Case c : cases) {
            LocalDate last = c.end.isAfter(s.extract) ? s.extract : c.end;
            for (LocalDate m = c.start.withDayOfMonth(1); !m.isAfter(last); m = m.plusMonths(1)) {
                LocalDate from = c.start.isAfter(m) ? c.start : m;
                LocalDate monthEnd = m.withDayOfMonth(m.lengthOfMonth());
                LocalDate to = last.isBefore(monthEnd) ? last : monthEnd;
                int days = (int) ChronoUnit.DAYS.between(from, to) + 1;
                boolean take = r.nextDouble() < (days >= 5 ? 0.88 : 0.35);
                Rating x = new Rating();
                x.c = c;
                x.therapist = c.therapist;
                x.team = teamOf.get(c.therapist);
                x.on = from.plusDays(r.nextInt(days));
                x.scoreE4 = score(r, base.get(c.therapist));
                x.items = r.nextDouble() < 0.8 ? 28 : 24 + r.nextInt(4);
                if (take && !m.equals(missing)) tam.add(x);
            }
        }
        tam.sort(Comparator.comparing((Rating x) -> x.on).thenComparing(x -> x.c.ref.id));

        // SAM: each therapist rates their supervisor in most months of the site's TAM-R window
        LocalDate first = tam.get(0).month(), lastMonth = tam.get(tam.size() - 1).month();
        List<Rating> sam = new ArrayList<>();
        for (LocalDate m = first; !m.isAfter(lastMonth); m = m.plusMonths(1)) {
            for (String t : d.therapists) {
                boolean take = r.nextDouble() < 0.9;
                LocalDate on;
                do {
                    on = m.plusDays(r.nextInt(m.lengthOfMonth()));
                } while (on.getDayOfWeek() == DayOfWeek.SATURDAY || on.getDayOfWeek() == DayOfWeek.SUNDAY || on.isAfter(s.extract));
                Rating x = new Rating();
                x.therapist = t;
                x.team = teamOf.get(t);
                x.supervisor = supervisorOf.get(x.team);
                x.on = on;
                x.scoreE4 = score(r, 7_300);
                if (take && !m.equals(missing)) sam.add(x);
            }
        }
        sam.sort(Comparator.comparing((Rating x) -> x.on).thenComparing(x -> x.therapist));

        List<Table> tables = switch (s.id) {
            case "ISOLATED_COASTAL" -> isolatedCoastal(dir, s, tam, sam);
            case "EXPANDED_CITY" -> expandedCity(dir, s, tam, sam);
            case "METRO_CITY" -> metroCity(dir, s, d, tam, sam);
            case "NORTHERN_SHIRE" -> northernShire(dir, s, d, tam, sam);
            default -> riverValley(dir, s, tam, sam);
        };
        for (Table t : tables) oracle.add(t);
        groundTruth(d, tam, sam, supervisorOf, oracle);
    }

    static int score(Random r, int base) {
        long v = Math.round(base + r.nextGaussian() * 700);
        return (int) Math.max(2_500, Math.min(10_000, v));
    }

    // ------------------------------------------------------------------ the sites' exports

    /** The site's declared export style: its spellings of itself and its teams, its date style, percentages or fractions. */
    static Style style(SiteDef s) {
        SampleSites.Fidelity f = s.decl.fidelity();
        return new Style(f.site(), f.teams(), f.samTeams() == null ? f.teams() : f.samTeams(), f.percent(),
                DateStyle.valueOf(f.dates().toUpperCase(java.util.Locale.ROOT)));
    }

    /** One declared export (TAM-R or SAM) as a table; {period} and {span} in its file name and title are filled in. */
    static Table export(SiteDef s, SampleSites.Export e, String dataset, List<Rating> rows, Style st,
                        Function<Rating, Boolean> repeat, String period, String span) {
        return table(e.file().replace("{period}", period), e.sheet(), dataset, s, title(s, e.title().replace("{span}", span)),
                List.copyOf(e.columns().values()), List.copyOf(e.columns().keySet()), rows, st, repeat);
    }

    static void write(Path dir, SiteDef s, List<Table> tables) throws IOException {
        SampleFiles.write(dir, SampleDataGenerator.DECLARED.format(s.decl.fidelity().format()), tables, null);
    }

    /** XLSX, real date cells, fractions as numbers; two yearly workbooks, the second repeating Sep-Oct 2025. */
    static List<Table> isolatedCoastal(Path dir, SiteDef s, List<Rating> tam, List<Rating> sam) throws IOException {
        Style st = style(s);
        SampleSites.Fidelity f = s.decl.fidelity();
        LocalDate split = LocalDate.of(2025, 11, 1), repeatFrom = LocalDate.of(2025, 9, 1);
        List<Table> out = new ArrayList<>();
        for (int year = 0; year < 2; year++) {
            boolean second = year == 1;
            String period = second ? "2025-26" : "2024-25", span = second ? "Sep 2025 - Oct 2026" : "Nov 2024 - Oct 2025";
            List<Rating> t1 = new ArrayList<>(), s1 = new ArrayList<>();
            for (Rating x : tam) if (second ? !x.on.isBefore(repeatFrom) : x.on.isBefore(split)) t1.add(x);
            for (Rating x : sam) if (second ? !x.on.isBefore(repeatFrom) : x.on.isBefore(split)) s1.add(x);
            Function<Rating, Boolean> repeat = x -> second && x.on.isBefore(split);
            Table t = export(s, f.tam(), "fidelity_tam", t1, st, repeat, period, span);
            Table u = export(s, f.sam(), "fidelity_sam", s1, st, repeat, period, span);
            write(dir, s, List.of(t, u));
            out.add(t);
            out.add(u);
        }
        return out;
    }

    /** XLSX, percentages (72.86), text dates; one workbook. A score typed ten times too big. */
    static List<Table> expandedCity(Path dir, SiteDef s, List<Rating> tam, List<Rating> sam) throws IOException {
        Style st = style(s);
        Rating typo = nth(tam, 5, x -> x.on.getYear() == 2025);
        typo.bad = new Bad("adherence_score", "range", "a percentage typed ten times too big");
        typo.badValue = typo.scoreE4 / 10.0;
        return exports(dir, s, tam, sam, st);
    }

    /** The site's two declared exports, no repeated rows, written in its declared format. */
    static List<Table> exports(Path dir, SiteDef s, List<Rating> tam, List<Rating> sam, Style st) throws IOException {
        SampleSites.Fidelity f = s.decl.fidelity();
        Table t = export(s, f.tam(), "fidelity_tam", tam, st, x -> false, "", "");
        Table u = export(s, f.sam(), "fidelity_sam", sam, st, x -> false, "", "");
        write(dir, s, List.of(t, u));
        return List.of(t, u);
    }

    /** CSV, ISO dates, two teams spelled differently in the two exports. An interview before its case; an unknown team. */
    static List<Table> metroCity(Path dir, SiteDef s, SiteData d, List<Rating> tam, List<Rating> sam) throws IOException {
        Style st = style(s);
        Rating early = nth(tam, 6, x -> x.on.getYear() == 2025 && x.month().equals(x.c.start.withDayOfMonth(1)));
        early.bad = new Bad("collected_on", "interview_before_case_start", "interview dated five days before the case started");
        early.badValue = SampleDataGenerator.formatDate(early.c.start.minusDays(5), st.dates());
        Rating west = nth(tam, 3, x -> x.on.getYear() == 2026 && x.bad == null);
        west.bad = new Bad("team", "team", "'Metro West' is not a Metro City team");
        west.badValue = "Metro West";
        return exports(dir, s, tam, sam, st);
    }

    /** CSV, UPPER_SNAKE headers, dd/mm/yyyy; no exports for August 2025. An interview after its case closed; a duplicate. */
    static List<Table> northernShire(Path dir, SiteDef s, SiteData d, List<Rating> tam, List<Rating> sam) throws IOException {
        Style st = style(s);
        Rating late = null;
        for (Rating x : tam) {
            Case c = x.c;
            if (c.bad == null && d.closures.contains(c) && c.end.getYear() == 2026 && !c.end.plusDays(9).isAfter(s.extract)
                    && x.month().equals(c.end.withDayOfMonth(1)) && late == null) late = x;
        }
        late.bad = new Bad("collected_on", "interview_after_case_end", "interview dated nine days after the case closed");
        late.badValue = SampleDataGenerator.formatDate(late.c.end.plusDays(9), st.dates());
        Rating original = nth(tam, 20, x -> x.bad == null);
        Rating twice = new Rating();
        twice.c = original.c;
        twice.therapist = original.therapist;
        twice.team = original.team;
        twice.on = original.on;
        twice.scoreE4 = Math.min(10_000, original.scoreE4 + 357);
        twice.items = original.items;
        twice.bad = new Bad("(row)", "duplicate", "the same interview (case, therapist, date) entered twice");
        tam.add(tam.indexOf(original) + 1, twice);
        return exports(dir, s, tam, sam, st);
    }

    /** CSV ; Windows-1252, d/m/yy. A SAM rating with the supervisor left blank. */
    static List<Table> riverValley(Path dir, SiteDef s, List<Rating> tam, List<Rating> sam) throws IOException {
        Style st = style(s);
        Rating blank = nth(sam, 7, x -> true);
        blank.bad = new Bad("supervisor_key", "required", "supervisor left blank");
        blank.badValue = null;
        return exports(dir, s, tam, sam, st);
    }

    static String title(SiteDef s, String what) {
        return "SYNTHETIC SAMPLE DATA " + SampleDataGenerator.DASH + " not real people " + SampleDataGenerator.DASH + " "
                + s.displayName + " " + what;
    }

    static Rating nth(List<Rating> rows, int n, java.util.function.Predicate<Rating> p) {
        int seen = 0;
        for (Rating x : rows) if (x.bad == null && p.test(x) && ++seen == n) return x;
        throw new IllegalStateException("no rating #" + n + " matching");
    }

    static Table table(String file, String sheet, String dataset, SiteDef s, String title, List<String> headers,
                       List<String> canonical, List<Rating> rows, Style st, Function<Rating, Boolean> repeat) {
        Table t = new Table(file, sheet, dataset, s.id, title, 0, headers, canonical);
        boolean csv = sheet == null;
        boolean samTable = dataset.equals("fidelity_sam");
        for (Rating x : rows) {
            List<Object> cells = new ArrayList<>();
            for (String col : canonical) {
                cells.add(switch (col) {
                    case "site_id" -> st.siteSpelling();
                    case "team" -> (samTable ? st.samTeams() : st.tamTeams()).get(x.team);
                    case "therapist_key" -> x.therapist;
                    case "supervisor_key" -> x.supervisor;
                    case "case_key" -> x.c.ref.id;
                    case "collected_on" -> SampleDataGenerator.date(x.on, st.dates());
                    case "adherence_score" -> score(x.scoreE4, st.percent(), csv);
                    case "items_answered" -> csv ? (Object) String.valueOf(x.items) : (Object) x.items;
                    default -> throw new IllegalArgumentException(col);
                });
            }
            if (x.bad != null && !x.bad.column().equals("(row)")) {
                Object v = x.badValue;
                if (csv && v instanceof Double dd) v = BigDecimal.valueOf(dd).stripTrailingZeros().toPlainString();
                cells.set(canonical.indexOf(x.bad.column()), v);
            }
            if (repeat.apply(x)) {
                if (x.bad != null) throw new IllegalStateException("a repeated row must be good");
                t.lines.add(new Line(Kind.REPEAT, cells, null));
            } else {
                t.data(cells, x.bad);
            }
        }
        return t;
    }

    /** 0.7286 (fraction) or 72.86 (percentage): a number cell in a workbook, text in a CSV. */
    static Object score(int e4, boolean percent, boolean csv) {
        BigDecimal v = BigDecimal.valueOf(e4, percent ? 2 : 4);
        if (csv) return percent ? v.stripTrailingZeros().toPlainString() : v.toPlainString();
        return v.doubleValue();
    }

    // ------------------------------------------------------------------ the ground truth

    /**
     * The fidelity figures the SQL in {@code reports/sql/fidelity/} must give for this site, from the
     * good rows (what the lake will hold), with the same definitions:
     * <ul>
     *   <li>a case is known from its good referral row (start) and its good closure row (start, end,
     *   therapist); its start is the earlier of the two; with no good closure it is open-ended;</li>
     *   <li>the site's months run from its first to its last month with a TAM-R interview;</li>
     *   <li>a case is open in a month when it started by the month's end and had not closed before
     *   the month began;</li>
     *   <li>an open case belongs to the therapist on its closure, else to the therapist of its latest
     *   interview, else to nobody; a therapist's team is the team on their latest interview.</li>
     * </ul>
     */
    @SuppressWarnings("unchecked")
    static void groundTruth(SiteData d, List<Rating> tam, List<Rating> sam, Map<String, String> supervisorOf, Oracle oracle) {
        List<Rating> good = tam.stream().filter(x -> x.bad == null).toList();
        List<Rating> goodSam = sam.stream().filter(x -> x.bad == null).toList();

        // cases as the lake knows them: id -> {start, end}; id -> closure therapist
        Map<String, LocalDate[]> known = new TreeMap<>();
        Map<String, String> closureTherapist = new HashMap<>();
        for (Referral ref : d.referrals) {
            if (ref.bad == null && ref.start != null) known.put(ref.id, new LocalDate[]{ref.start, null});
        }
        for (Case c : d.closures) {
            if (c.bad != null) continue;
            LocalDate[] k = known.computeIfAbsent(c.ref.id, x -> new LocalDate[]{c.start, null});
            if (c.start.isBefore(k[0])) k[0] = c.start;
            k[1] = c.end;
            closureTherapist.put(c.ref.id, c.therapist);
        }
        Map<String, Rating> latestOfCase = new HashMap<>();
        Map<String, Rating> latestOfTherapist = new HashMap<>();
        for (Rating x : good) {
            latestOfCase.merge(x.c.ref.id, x, (a, b) -> b.on.isAfter(a.on) ? b : a);
            latestOfTherapist.merge(x.therapist, x, (a, b) -> b.on.isAfter(a.on) ? b : a);
        }
        LocalDate first = good.get(0).month(), last = good.get(good.size() - 1).month();
        for (Rating x : good) {
            if (x.month().isBefore(first)) first = x.month();
            if (x.month().isAfter(last)) last = x.month();
        }

        List<Object> siteMonths = new ArrayList<>();
        List<Object> missingMonths = new ArrayList<>();
        // (month, therapist, team) -> {interviews, adherent, sumE4, open, interviewed}
        Map<List<String>, long[]> cells = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1) == null ? "" : k.get(1)).thenComparing(k -> k.get(2) == null ? "" : k.get(2)));
        for (LocalDate m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            LocalDate month = m, monthEnd = m.withDayOfMonth(m.lengthOfMonth());
            String label = m.toString().substring(0, 7);
            long interviews = 0, adherent = 0, sum = 0;
            for (Rating x : good) {
                if (!x.month().equals(month)) continue;
                interviews++;
                sum += x.scoreE4;
                boolean ok = x.scoreE4 >= THRESHOLD_E4;
                if (ok) adherent++;
                long[] c = cells.computeIfAbsent(Arrays.asList(label, x.therapist, x.team), k -> new long[5]);
                c[0]++;
                c[1] += ok ? 1 : 0;
                c[2] += x.scoreE4;
            }
            if (interviews == 0) missingMonths.add(label);
            long open = 0, interviewed = 0, never = 0, monthsSince = 0;
            for (Map.Entry<String, LocalDate[]> e : known.entrySet()) {
                LocalDate start = e.getValue()[0], end = e.getValue()[1];
                if (start.isAfter(monthEnd) || (end != null && end.isBefore(month))) continue;
                open++;
                LocalDate lastOn = null;
                boolean inMonth = false;
                for (Rating x : good) {
                    if (!x.c.ref.id.equals(e.getKey()) || x.on.isAfter(monthEnd)) continue;
                    if (lastOn == null || x.on.isAfter(lastOn)) lastOn = x.on;
                    if (x.month().equals(month)) inMonth = true;
                }
                if (inMonth) interviewed++;
                if (lastOn == null) never++;
                else monthsSince += ChronoUnit.MONTHS.between(lastOn.withDayOfMonth(1), month);
                String owner = closureTherapist.get(e.getKey());
                if (owner == null && latestOfCase.containsKey(e.getKey())) owner = latestOfCase.get(e.getKey()).therapist;
                String team = owner == null || !latestOfTherapist.containsKey(owner) ? null : latestOfTherapist.get(owner).team;
                long[] c = cells.computeIfAbsent(Arrays.asList(label, owner, team), k -> new long[5]);
                c[3]++;
                c[4] += inMonth ? 1 : 0;
            }
            siteMonths.add(List.of(label, interviews, adherent, sum, open, interviewed, never, monthsSince));
        }
        List<Object> therapistMonths = new ArrayList<>();
        for (Map.Entry<List<String>, long[]> e : cells.entrySet()) {
            long[] c = e.getValue();
            therapistMonths.add(Arrays.asList(e.getKey().get(0), e.getKey().get(1), e.getKey().get(2), c[0], c[1], c[2], c[3], c[4]));
        }

        Map<List<String>, long[]> quarters = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
        Map<String, Rating> latestOfSupervisor = new HashMap<>();
        for (Rating x : goodSam) {
            String q = x.on.getYear() + "-Q" + ((x.on.getMonthValue() - 1) / 3 + 1);
            long[] c = quarters.computeIfAbsent(List.of(q, x.supervisor), k -> new long[2]);
            c[0]++;
            c[1] += x.scoreE4;
            latestOfSupervisor.merge(x.supervisor, x, (a, b) -> b.on.isAfter(a.on) ? b : a);
        }
        List<Object> samQuarters = new ArrayList<>();
        for (Map.Entry<List<String>, long[]> e : quarters.entrySet()) {
            samQuarters.add(List.of(e.getKey().get(0), e.getKey().get(1), latestOfSupervisor.get(e.getKey().get(1)).team,
                    e.getValue()[0], e.getValue()[1]));
        }

        Map<String, Object> f = new LinkedHashMap<>();
        f.put("about", "Scores in ten-thousandths (7286 = 0.7286). tam_site_months: [month, interviews, adherent (>= 0.61),"
                + " score_sum_e4, open_cases, cases_interviewed, open_cases_never_interviewed, sum of months_since_last_interview"
                + " over open cases interviewed before]. tam_therapist_months: [month, therapist, team, interviews, adherent,"
                + " score_sum_e4, open_cases, cases_interviewed] (therapist and team null for open cases with no known therapist)."
                + " sam_supervisor_quarters: [quarter, supervisor, team, ratings, score_sum_e4].");
        f.put("first_month", first.toString().substring(0, 7));
        f.put("last_month", last.toString().substring(0, 7));
        f.put("months_without_interviews", missingMonths);
        f.put("tam_interviews", (long) good.size());
        f.put("sam_ratings", (long) goodSam.size());
        f.put("supervisors", new ArrayList<Object>(supervisorOf.values()));
        if (d.therapists.contains(LOW_ADHERENCE_THERAPIST)) f.put("low_adherence_therapist", LOW_ADHERENCE_THERAPIST);
        f.put("tam_site_months", siteMonths);
        f.put("tam_therapist_months", therapistMonths);
        f.put("sam_supervisor_quarters", samQuarters);

        Map<String, Object> site = (Map<String, Object>) oracle.sites.get(d.site.id);
        site.put("fidelity", f);
        Map<String, Object> privacy = (Map<String, Object>) site.get("privacy");
        List<Object> ids = (List<Object>) privacy.get("identifiers");
        for (String sup : supervisorOf.values()) if (!ids.contains(sup)) ids.add(sup);
    }
}
