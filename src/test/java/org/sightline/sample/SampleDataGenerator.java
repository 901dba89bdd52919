package org.sightline.sample;


import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes Sightline's synthetic sample data: an LA reference file, a site list and, for five MST sites,
 * two years of referral logs with closures and follow-ups, in the messy shapes real files arrive in.
 * Alongside it returns (and {@link #main} writes) a JSON oracle of what an ingest must make of them:
 * how many rows load, which rows are rejected and why (file, sheet, spreadsheet row, column, reason),
 * and per site the raw identifiers, names, dates of birth and postcodes that must never reach the lake.
 *
 * <p>How each site's files look (format, sheets, headers, spellings, date styles, blank and Total rows, bad rows)
 * is declared in {@code sample-sites.yml} ({@link SampleSites}); {@link #writeSite} writes every site from its
 * declaration through the one file writer, {@link SampleFiles}. The simulation of referrals, cases and follow-ups
 * is here. A test-scope tool: {@link RegenerateSampleData} runs it (see {@code sample-data/README.md}).
 *
 * <p>Everything is deterministic: one seeded {@link Random} per site, fixed "today" (the data end
 * 2026-10-31), fixed timestamps inside the XLSX zips. Running it twice gives byte-identical files.
 *
 * <p>No real person is described. LA codes, GSS codes and LA names are real public codes; every
 * other value (populations, neighbour lists, sites, people, identifiers, postcodes) is made up.
 */
public final class SampleDataGenerator {

    public static final long SEED = 20_241_101L;
    static final LocalDate FIRST_MONTH = LocalDate.of(2024, 11, 1);
    /** The last day the sample covers (the demo dates the sample's arrival from it). */
    public static final LocalDate DATA_END = org.sightline.cli.DemoCommand.SAMPLE_DATA_END;
    static final String DASH = "\u2014";
    static final String[] MON = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    static final String[] MONTH = {"January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"};
    static final String POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";
    static final LocalDateTime ZIP_TIME = LocalDateTime.of(2026, 10, 31, 0, 0);

    /** The sample sites, the LA reference and the file formats, as declared in {@code sample-sites.yml}. */
    static final SampleSites DECLARED = SampleSites.load();

    private SampleDataGenerator() {}

    // ------------------------------------------------------------------ entry points

    /**
     * Usage: {@code SampleDataGenerator <sample-data dir> [<expected.json>]}. Without the second argument
     * the oracle goes to {@code src/test/resources/sample-expected.json} beside the sample-data folder,
     * when that folder exists.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: SampleDataGenerator <output dir> [<expected json>]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        String json = generate(out);
        Path expected = args.length > 1 ? Path.of(args[1])
                : out.toAbsolutePath().getParent().resolve("src/test/resources/sample-expected.json");
        if (args.length > 1 || Files.isDirectory(expected.getParent())) {
            Files.createDirectories(expected.getParent());
            Files.writeString(expected, json, StandardCharsets.UTF_8);
            System.out.println("wrote " + expected);
        }
        System.out.println("wrote sample data to " + out);
    }

    /** Writes every sample file into {@code outDir} and returns the oracle as JSON text. */
    public static synchronized String generate(Path outDir) throws IOException {
        Files.createDirectories(outDir);
        USED_NAMES.clear();
        USED_POSTCODES.clear();
        USED_PERSON_IDS.clear();
        Oracle oracle = new Oracle();
        writeLaReference(outDir, oracle);
        writeSites(outDir, oracle);
        List<SiteData> all = new ArrayList<>();
        for (int i = 0; i < SITES.size(); i++) {
            SiteDef site = SITES.get(i);
            SiteData data = simulate(site, new Random(SEED + 7919L * (i + 1)));
            writeSite(outDir, data, oracle);
            FidelitySamples.write(outDir.resolve(FidelitySamples.DIR), data, new Random(SEED + 104_729L * (i + 1)), oracle);
            all.add(data);
        }
        oracle.careRecords = LinkedCareSamples.write(outDir.resolve(LinkedCareSamples.DIR), all, new Random(SEED + 903L));
        return oracle.toJson();
    }

    /**
     * Every young person's date of birth in the sample, so that other generators' dates (an Ofsted
     * inspection, say) never equal one and trip the privacy scans. Simulates the sites exactly as
     * {@link #generate} does, writing nothing.
     */
    static synchronized Set<LocalDate> datesOfBirth() {
        Set<LocalDate> out = new HashSet<>();
        USED_NAMES.clear();
        USED_POSTCODES.clear();
        USED_PERSON_IDS.clear();
        for (int i = 0; i < SITES.size(); i++) {
            SiteData data = simulate(SITES.get(i), new Random(SEED + 7919L * (i + 1)));
            for (Referral r : data.referrals) out.add(r.yp.dob);
        }
        USED_NAMES.clear();
        USED_POSTCODES.clear();
        USED_PERSON_IDS.clear();
        return out;
    }

    // ------------------------------------------------------------------ reference data

    /** The 18 LAs of the LA reference (real codes and names, made-up populations), as declared; the Ofsted and LAC samples use them too. */
    static final List<SampleSites.La> LAS = DECLARED.laReference().las();

    /** A table whose headers and canonical columns are a declared {@code canonical: header} map, in its order. */
    static Table declaredTable(String file, String dataset, String title, Map<String, String> columns) {
        return new Table(file, null, dataset, null, title, 0, List.copyOf(columns.values()), List.copyOf(columns.keySet()));
    }

    /** A data row in the table's declared column order, from values by canonical column. */
    static void row(Table t, Map<String, Object> values) {
        List<Object> cells = new ArrayList<>();
        for (String c : t.canonical) {
            if (!values.containsKey(c)) throw new IllegalArgumentException(SampleSites.RESOURCE + ": " + t.file + " has no values for column " + c);
            cells.add(values.get(c));
        }
        t.data(cells, null);
    }

    static void writeLaReference(Path dir, Oracle oracle) throws IOException {
        SampleSites.LaReference ref = DECLARED.laReference();
        Random r = new Random(SEED);
        Table t = declaredTable(ref.file(), "la_reference", ref.title(), ref.columns());
        for (SampleSites.La la : LAS) {
            // same-region authorities first, then a seeded shuffle of the rest: plausible, not real
            List<String> same = new ArrayList<>(), rest = new ArrayList<>();
            for (SampleSites.La o : LAS) {
                if (o.code().equals(la.code())) continue;
                (o.region().equals(la.region()) ? same : rest).add(o.code());
            }
            java.util.Collections.shuffle(same, r);
            java.util.Collections.shuffle(rest, r);
            List<String> sn = new ArrayList<>(same);
            sn.addAll(rest);
            sn = sn.subList(0, 10);
            int pop = (int) Math.round(la.population() * (0.92 + 0.16 * r.nextDouble()) / 10.0) * 10;
            row(t, laRow(la.code(), la.gss(), la.name(), la.region(), String.join(", ", sn), String.valueOf(pop), "", ""));
        }
        // as lookups really look: a blank line, then the authorities that ceased, their successor said by the
        // lookup (never guessed), no population, and the region given as its ONS code
        t.blank();
        for (SampleSites.CeasedLa c : ref.ceased()) {
            row(t, laRow(c.code(), c.gss(), c.name(), c.region(), "", "", c.successor(), c.ceasedOn()));
        }
        SampleFiles.write(dir, DECLARED.format(ref.format()), List.of(t), null);
        oracle.add(t);
    }

    static Map<String, Object> laRow(String code, String gss, String name, String region, String neighbours,
                                     String population, String successor, String ceasedOn) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("la_code", code);
        m.put("gss_code", gss);
        m.put("la_name", name);
        m.put("region", region);
        m.put("statistical_neighbours", neighbours);
        m.put("population_0_17", population);
        m.put("successor_la_codes", successor);
        m.put("ceased_on", ceasedOn);
        return m;
    }

    static void writeSites(Path dir, Oracle oracle) throws IOException {
        SampleSites.SiteRegister reg = DECLARED.siteRegister();
        Table t = declaredTable(reg.file(), "site", reg.title(), reg.columns());
        for (SiteDef s : SITES) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("site_id", s.id);
            m.put("site_name", s.displayName);
            m.put("la_codes", String.join(", ", s.laCodes));
            m.put("programme", s.programme);
            m.put("teams", String.valueOf(s.teams));
            m.put("therapists_fte", s.fte);
            m.put("annual_budget", s.decl.annualBudget() == null ? "" : s.decl.annualBudget());
            m.put("go_live", s.goLive.toString());
            m.put("closed_on", s.closedOn == null ? "" : s.closedOn.toString());
            row(t, m);
        }
        SampleFiles.write(dir, DECLARED.format(reg.format()), List.of(t), null);
        oracle.add(t);
    }

    // ------------------------------------------------------------------ sites

    /** A site as the simulation and the writer use it: its declaration, with dates parsed and defaults applied. */
    static final class SiteDef {
        final SampleSites.Site decl;
        final String id, displayName, slug, programme, fte;
        final int teams, therapists;
        final List<String> laCodes;
        final LocalDate goLive, closedOn, lastReferralMonth, extract;
        final String[] districts;
        final boolean diverse;

        SiteDef(SampleSites.Site d) {
            this.decl = d;
            this.id = d.id();
            this.displayName = d.name();
            this.slug = d.slug();
            this.programme = d.programme();
            this.teams = d.teams();
            this.therapists = d.therapists();
            this.fte = d.fte();
            this.laCodes = d.laCodes();
            this.goLive = LocalDate.parse(d.goLive());
            this.closedOn = d.closedOn() == null ? null : LocalDate.parse(d.closedOn());
            this.lastReferralMonth = d.lastReferralMonth() == null ? LAST_MONTH : LocalDate.parse(d.lastReferralMonth());
            this.extract = d.extract() == null ? DATA_END : LocalDate.parse(d.extract());
            this.districts = d.districts().toArray(String[]::new);
            this.diverse = d.diverse();
        }

        String prefix() {
            return decl.prefix();
        }

        /** Each team's referrals in month {@code m}: the range of the last declared volume step from on or before it. */
        List<Integer> referralsPerTeam(LocalDate m) {
            List<Integer> range = null;
            if (decl.volumes() == null || decl.volumes().isEmpty()) {
                throw new IllegalArgumentException(SampleSites.RESOURCE + ": " + id + " declares no volumes");
            }
            for (SampleSites.Volume v : decl.volumes()) {
                if (!java.time.YearMonth.parse(v.from()).atDay(1).isAfter(m)) range = v.referralsPerTeam();
            }
            if (range == null) throw new IllegalArgumentException(SampleSites.RESOURCE + ": " + id + " has no volume for " + m);
            return range;
        }

        String title() {
            return "SYNTHETIC SAMPLE DATA " + DASH + " not real people " + DASH + " " + displayName + " referral log";
        }

        String personId(Random r) {
            SampleSites.IdPattern p = decl.personId();
            return String.format(p.format(), p.from() + r.nextInt(p.count()));
        }

        String referralId(int year, int seq, int running) {
            SampleSites.IdPattern p = decl.referralId();
            Object[] args = new Object[p.args().size()];
            for (int i = 0; i < args.length; i++) {
                args[i] = switch (p.args().get(i)) {
                    case "year" -> year;
                    case "yy" -> year % 100;
                    case "seq" -> seq;
                    case "running" -> p.runningFrom() + running;
                    default -> throw new IllegalArgumentException(SampleSites.RESOURCE + ": " + id + " referral_id arg " + p.args().get(i));
                };
            }
            return String.format(p.format(), args);
        }
    }

    static final LocalDate LAST_MONTH = LocalDate.of(2026, 10, 1);

    static final List<SiteDef> SITES = DECLARED.sites().stream().map(SiteDef::new).toList();

    // ------------------------------------------------------------------ simulation

    static final class Person {
        String id, name, postcode, sex, ethnicity;
        LocalDate dob;
    }

    static final class Referral {
        String id;
        Person yp;
        LocalDate date, decisionDate, start;
        String source, decision, declineReason, notes;
        boolean edgeOfCare;
        int age;
        Case caze;
        Bad bad;
        Object badValue;
    }

    static final class Case {
        Referral ref;
        String therapist, reason, exitRoute, notes;
        LocalDate start, end;
        boolean home, eet, noOffence;
        Bad bad;
        Object badValue;
    }

    static final class FollowUp {
        Case c;
        int months;
        LocalDate date;
        boolean home, enteredCare, eet, newOffence;
        Bad bad;
        Object badValue;
    }

    static final class SiteData {
        SiteDef site;
        List<Referral> referrals = new ArrayList<>();
        List<Case> closures = new ArrayList<>();
        List<FollowUp> followUps = new ArrayList<>();
        List<String> therapists = new ArrayList<>();
    }

    /**
     * A deliberately bad value: the canonical column it is in and the reason the oracle expects, which is
     * the engine's rule id (required, code, date_impossible, ...) or, for a row rule, the rule's name.
     */
    record Bad(String column, String reason, String detail) {}

    static final Set<String> USED_NAMES = new HashSet<>();
    static final Set<String> USED_POSTCODES = new HashSet<>();
    static final Set<String> USED_PERSON_IDS = new HashSet<>();

    static final String[] GIRLS = {"Amelia", "Olivia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Freya", "Grace", "Sophie",
            "Ella", "Evie", "Poppy", "Ruby", "Holly", "Jessica", "Chloe", "Megan", "Leah", "Aaliyah", "Amara", "Maisie",
            "Courtney", "Shannon", "Kayla", "Tia", "Precious", "Ayesha", "Zara", "Nevaeh", "Keira", "Jade", "Summer"};
    static final String[] BOYS = {"Oliver", "Noah", "George", "Leo", "Harry", "Jack", "Charlie", "Jacob", "Alfie", "Tyler",
            "Kyle", "Callum", "Liam", "Mason", "Riley", "Connor", "Reece", "Jayden", "Kai", "Bailey", "Ethan", "Logan",
            "Mohammed", "Ibrahim", "Tyrese", "Kian", "Dylan", "Lewis", "Brandon", "Corey", "Declan", "Ashton", "Jamal"};
    static final String[] SURNAMES = {"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
            "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson",
            "Clarke", "Hughes", "Turner", "Hill", "Cooper", "Ward", "Morris", "Moore", "Clark", "Harrison", "Lee",
            "Khan", "Hussain", "Begum", "Ahmed", "Patel", "Campbell", "Mensah", "Okafor", "Kowalski", "Nowak",
            "O'Connor", "McDonald", "Atkinson", "Dixon", "Fletcher", "Barker", "Stephenson", "Pearson", "Shaw",
            "Lloyd-Jones", "Bell", "Kelly", "Marsh", "Tait"};
    // only characters Windows-1252 can hold: used by the semicolon CSV site
    static final String[] ACCENTED_GIRLS = {"Zo\u00eb", "Chlo\u00e9", "Ren\u00e9e", "Ana\u00efs", "No\u00e9mie", "Si\u00e2n"};
    static final String[] ACCENTED_BOYS = {"Jos\u00e9", "Aur\u00e9lien", "Bj\u00f6rn", "Se\u00e1n"};
    static final String[] ACCENTED_SURNAMES = {"N\u00fa\u00f1ez", "M\u00fcller", "Ren\u00e9", "Bront\u00eb"};

    static final String[][] SOURCES = {{"CSC", "45"}, {"YOS", "20"}, {"CAMHS", "10"}, {"EDUCATION", "10"},
            {"POLICE", "5"}, {"HEALTH", "4"}, {"FAMILY", "4"}, {"OTHER", "2"}};
    static final String[][] ETHNICITY_SHIRE = {{"WBRI", "84"}, {"WOTH", "5"}, {"WIRI", "1"}, {"MWBC", "3"},
            {"MWAS", "2"}, {"MOTH", "1"}, {"APKN", "1"}, {"BAFR", "1"}, {"OOTH", "1"}, {"NOBT", "1"}};
    static final String[][] ETHNICITY_CITY = {{"WBRI", "48"}, {"WOTH", "6"}, {"WIRI", "1"}, {"MWBC", "8"},
            {"MWBA", "3"}, {"MWAS", "3"}, {"MOTH", "4"}, {"AIND", "2"}, {"APKN", "7"}, {"ABAN", "2"}, {"AOTH", "2"},
            {"BCRB", "4"}, {"BAFR", "5"}, {"BOTH", "2"}, {"CHNE", "1"}, {"OOTH", "1"}, {"REFU", "1"}};
    static final String[][] DECLINE = {{"NOT_ELIGIBLE", "45"}, {"FAMILY_DECLINED", "25"}, {"NO_CAPACITY", "15"},
            {"ALREADY_OPEN", "5"}, {"OTHER", "10"}};
    static final String[][] CLOSURE = {{"COMPLETED", "80"}, {"LACK_OF_ENGAGEMENT", "9"},
            {"PLACED_OUT_OF_HOME", "5"}, {"MOVED_AWAY", "4"}, {"OTHER", "2"}};

    static String pick(Random r, String[][] weighted) {
        int total = 0;
        for (String[] w : weighted) total += Integer.parseInt(w[1]);
        int x = r.nextInt(total);
        for (String[] w : weighted) {
            x -= Integer.parseInt(w[1]);
            if (x < 0) return w[0];
        }
        throw new IllegalStateException();
    }

    /** A seeded draw from a declared {@code [min, max]} range, inclusive. */
    static int between(Random r, List<Integer> range) {
        if (range == null || range.size() != 2 || range.get(0) > range.get(1)) {
            throw new IllegalArgumentException(SampleSites.RESOURCE + ": a range is [min, max], not " + range);
        }
        return range.get(0) + r.nextInt(range.get(1) - range.get(0) + 1);
    }

    static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    static SiteData simulate(SiteDef site, Random r) {
        SiteData d = new SiteData();
        d.site = site;
        for (int i = 1; i <= site.therapists; i++) d.therapists.add(String.format("%s-T%02d", site.prefix(), i));

        // referrals on weekdays: per team and month, a draw within the site's declared volume for that month
        SampleSites.Simulation sim = DECLARED.simulation();
        List<Referral> refs = new ArrayList<>();
        Map<Person, LocalDate> reReferable = new LinkedHashMap<>();   // declined or withdrawn -> decided on
        int personCount = 0;
        for (LocalDate m = FIRST_MONTH; !m.isAfter(site.lastReferralMonth); m = m.plusMonths(1)) {
            List<Integer> range = site.referralsPerTeam(m);
            int n = 0;
            for (int t = 0; t < site.teams; t++) n += between(r, range);
            Set<Integer> days = new java.util.TreeSet<>();
            while (days.size() < n) {
                LocalDate day = m.withDayOfMonth(1 + r.nextInt(m.lengthOfMonth()));
                if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) continue;
                if (day.isAfter(site.extract)) continue;
                days.add(day.getDayOfMonth());
            }
            for (int dayOfMonth : days) {
                Referral ref = new Referral();
                ref.date = m.withDayOfMonth(dayOfMonth);
                Person again = null;
                if (!reReferable.isEmpty() && r.nextDouble() < 0.07) {
                    List<Person> pool = new ArrayList<>(reReferable.keySet());
                    Person p = pool.get(r.nextInt(pool.size()));
                    if (Period.between(p.dob, ref.date).getYears() <= 17
                            && reReferable.get(p).plusDays(60).isBefore(ref.date)) again = p;
                }
                if (again != null) {
                    reReferable.remove(again);
                    ref.yp = again;
                } else {
                    ref.yp = newPerson(site, r, ref.date, personCount++);
                }
                ref.age = Period.between(ref.yp.dob, ref.date).getYears();
                ref.source = pick(r, SOURCES);
                ref.edgeOfCare = r.nextDouble() < 0.55;
                LocalDate decided = ref.date.plusDays(1 + r.nextInt(10));
                if (decided.isAfter(site.extract)) {
                    ref.decision = "PENDING";
                } else {
                    ref.decisionDate = decided;
                    double x = r.nextDouble();
                    if (x < sim.accepted()) {
                        ref.decision = "ACCEPTED";
                        LocalDate start = ref.date.plusDays(between(r, sim.startAfterDays()));
                        if (!start.isAfter(decided)) start = decided.plusDays(3);
                        ref.start = start.isAfter(site.extract) ? null : start;
                    } else if (x < sim.accepted() + sim.declined()) {
                        ref.decision = "DECLINED";
                        ref.declineReason = pick(r, DECLINE);
                        reReferable.put(ref.yp, decided);
                    } else {
                        ref.decision = "WITHDRAWN";
                        reReferable.put(ref.yp, decided);
                    }
                }
                if (r.nextDouble() < 0.35) ref.notes = referralNote(site, r);
                refs.add(ref);
            }
        }
        refs.sort(Comparator.comparing((Referral x) -> x.date));
        Map<Integer, Integer> perYear = new LinkedHashMap<>();
        int running = 0;
        for (Referral ref : refs) {
            int year = ref.date.getYear();
            int seq = perYear.merge(year, 1, Integer::sum);
            ref.id = site.referralId(year, seq, ++running);
        }
        d.referrals = refs;

        // cases: therapist with the fewest open cases at the start (ties: seeded choice)
        List<Case> cases = new ArrayList<>();
        List<Referral> started = new ArrayList<>();
        for (Referral ref : refs) if (ref.start != null) started.add(ref);
        started.sort(Comparator.comparing((Referral x) -> x.start));
        for (Referral ref : started) {
            Case c = new Case();
            c.ref = ref;
            ref.caze = c;
            c.start = ref.start;
            c.end = ref.start.plusDays(between(r, sim.treatmentDays()));
            int best = Integer.MAX_VALUE;
            List<String> candidates = new ArrayList<>();
            for (String t : d.therapists) {
                int open = 0;
                for (Case o : cases) if (o.therapist.equals(t) && o.end.isAfter(c.start)) open++;
                if (open < best) {
                    best = open;
                    candidates.clear();
                }
                if (open == best) candidates.add(t);
            }
            c.therapist = candidates.get(r.nextInt(candidates.size()));
            cases.add(c);
            c.reason = pick(r, CLOSURE);
            c.home = !c.reason.equals("PLACED_OUT_OF_HOME") && r.nextDouble() < 0.95;
            c.eet = r.nextDouble() < (c.reason.equals("LACK_OF_ENGAGEMENT") ? 0.6 : 0.88);
            c.noOffence = r.nextDouble() < (ref.source.equals("YOS") ? 0.78 : 0.9);
            if (!c.home) {
                c.exitRoute = c.reason.equals("PLACED_OUT_OF_HOME") && r.nextDouble() < 0.2 ? "CUSTODY" : "ENTERED_CARE";
            } else if (ref.edgeOfCare) {
                c.exitRoute = r.nextDouble() < 0.7 ? "PREVENTED_CARE" : (r.nextDouble() < 0.3 ? "REUNIFIED" : "REMAINED_OPEN");
            } else {
                double x = r.nextDouble();
                c.exitRoute = x < 0.4 ? "CLOSED_TO_SOCIAL_CARE" : x < 0.75 ? "STEPPED_DOWN" : x < 0.97 ? "REMAINED_OPEN" : "OTHER";
            }
            if (r.nextDouble() < 0.3) c.notes = closureNote(site, r, c);
        }
        for (Case c : cases) if (!c.end.isAfter(site.extract)) d.closures.add(c);
        d.closures.sort(Comparator.comparing((Case x) -> x.end).thenComparing(x -> x.ref.id));

        // follow-ups at 6/12/18/24 months when collected by the extract date (about 8% never collected)
        for (Case c : d.closures) {
            boolean everCare = false;
            for (int months : new int[]{6, 12, 18, 24}) {
                LocalDate on = c.end.plusMonths(months).plusDays(r.nextInt(21));
                if (on.isAfter(site.extract)) break;
                if (r.nextDouble() < 0.08) continue;
                FollowUp f = new FollowUp();
                f.c = c;
                f.months = months;
                f.date = on;
                f.home = r.nextDouble() < (c.home ? 0.9 : 0.4);
                everCare = everCare || (!f.home && r.nextDouble() < 0.6) || c.exitRoute.equals("ENTERED_CARE");
                f.enteredCare = everCare;
                f.eet = r.nextDouble() < 0.8;
                f.newOffence = r.nextDouble() < 0.12;
                d.followUps.add(f);
            }
        }
        d.followUps.sort(Comparator.comparing((FollowUp x) -> x.date).thenComparing(x -> x.c.ref.id));
        return d;
    }

    static Person newPerson(SiteDef site, Random r, LocalDate referred, int index) {
        Person p = new Person();
        double s = r.nextDouble();
        p.sex = s < 0.58 ? "M" : s < 0.99 ? "F" : "U";
        boolean accented = site.decl.accentedNames() && index % 6 == 0;
        do {
            String first;
            if (accented) {
                first = p.sex.equals("M") ? pick(r, ACCENTED_BOYS) : pick(r, ACCENTED_GIRLS);
            } else {
                first = p.sex.equals("M") ? pick(r, BOYS) : p.sex.equals("F") ? pick(r, GIRLS)
                        : (r.nextBoolean() ? pick(r, BOYS) : pick(r, GIRLS));
            }
            String last = accented && r.nextDouble() < 0.4 ? pick(r, ACCENTED_SURNAMES) : pick(r, SURNAMES);
            p.name = first + " " + last;
        } while (!USED_NAMES.add(p.name));
        do {
            p.id = site.personId(r);
        } while (!USED_PERSON_IDS.add(p.id));
        int ageDays = 11 * 365 + 3 + r.nextInt(7 * 365 - 6);
        p.dob = referred.minusDays(ageDays);
        do {
            String district = pick(r, site.districts);
            p.postcode = district + " " + r.nextInt(10) + POSTCODE_LETTERS.charAt(r.nextInt(POSTCODE_LETTERS.length()))
                    + POSTCODE_LETTERS.charAt(r.nextInt(POSTCODE_LETTERS.length()));
        } while (!USED_POSTCODES.add(p.postcode));
        p.ethnicity = pick(r, site.diverse ? ETHNICITY_CITY : ETHNICITY_SHIRE);
        return p;
    }

    static final String[] REFERRAL_NOTES = {"Family keen to engage", "Older sibling previously open to YOS",
            "Mum works nights - visits after 6pm", "Interpreter needed for dad", "School attendance below 50%",
            "Previously known to CAMHS", "Grandparent is main carer", "Fixed-term exclusion in the autumn term",
            "Police call-outs to the home x3 last month", "Section 47 enquiry completed", "Step-parent not yet consented"};
    static final String[] RIVER_NOTES = {"Bus fares \u00a312 reimbursed to mum", "Taxi to first session \u00a318.40",
            "Food bank voucher \u00a330 arranged", "Caf\u00e9 meeting with school SENCo",
            "Waiting list \u2013 reviewed weekly", "Dad prefers calls after 5pm", "Mum's partner not yet engaged",
            "Clothing grant \u00a375 approved"};
    static final Map<String, String[]> CLOSURE_NOTES = Map.of(
            "COMPLETED", new String[]{"Planned ending, family confident", "Step-down plan agreed with SW",
                    "Lapse in final month, safety plan in place", "Caregiver engagement strong throughout",
                    "School placement now stable"},
            "LACK_OF_ENGAGEMENT", new String[]{"Family stopped answering calls after week 8",
                    "Caregiver withdrew consent"},
            "PLACED_OUT_OF_HOME", new String[]{"Placement made after a serious incident"},
            "MOVED_AWAY", new String[]{"Family moved to another area before end of treatment"},
            "OTHER", new String[]{"Closed early, see case file"});

    static String referralNote(SiteDef site, Random r) {
        return site.decl.notesWithSymbols() ? pick(r, RIVER_NOTES) : pick(r, REFERRAL_NOTES);
    }

    static String closureNote(SiteDef site, Random r, Case c) {
        return site.decl.notesWithSymbols() && r.nextBoolean() ? pick(r, RIVER_NOTES)
                : pick(r, CLOSURE_NOTES.get(c.reason));
    }

    // ------------------------------------------------------------------ deliberate errors

    /**
     * Marks the site's declared bad rows, in the declared order: each picks one row (by position, or the n-th or
     * last row not already bad that matches) and says what is written in the bad column instead.
     */
    static void markBadRows(SiteData d) {
        SiteDef s = d.site;
        if (s.decl.badRows() == null) return;
        for (SampleSites.BadRow b : s.decl.badRows()) {
            Bad bad = new Bad(b.column(), b.reason(), b.detail());
            switch (b.dataset()) {
                case "referral" -> {
                    Referral x = pick(s, d.referrals, b.pick(), r -> r.bad);
                    x.bad = bad;
                    x.badValue = badValue(s, b, x);
                }
                case "case_closure" -> {
                    Case x = pick(s, d.closures, b.pick(), c -> c.bad);
                    x.bad = bad;
                    x.badValue = badValue(s, b, x);
                }
                case "follow_up" -> {
                    FollowUp x = pick(s, d.followUps, b.pick(), f -> f.bad);
                    x.bad = bad;
                    x.badValue = badValue(s, b, x);
                }
                default -> throw new IllegalArgumentException(SampleSites.RESOURCE + ": " + s.id + " bad row in unknown dataset " + b.dataset());
            }
        }
    }

    static <T> T pick(SiteDef s, List<T> rows, SampleSites.Pick p, Function<T, Bad> bad) {
        if (p.index() != null) return rows.get(p.index());
        T found = null;
        int seen = 0;
        for (T x : rows) {
            if (bad.apply(x) != null || !matches(s, p, x)) continue;
            found = x;
            if (!p.last() && ++seen == p.nth()) return x;
        }
        if (p.last() && found != null) return found;
        throw new IllegalStateException(SampleSites.RESOURCE + ": " + s.id + ": no row matches " + p);
    }

    static boolean matches(SiteDef s, SampleSites.Pick p, Object row) {
        boolean referralFilter = p.decision() != null || p.year() != null || p.dayAfter() != null || p.before() != null;
        if (row instanceof Referral r) {
            if (p.months() != null) throw new IllegalArgumentException(SampleSites.RESOURCE + ": " + s.id + ": months picks a follow-up, not a referral");
            return (p.decision() == null || p.decision().equals(r.decision))
                    && (p.year() == null || r.date.getYear() == p.year())
                    && (p.dayAfter() == null || r.date.getDayOfMonth() > p.dayAfter())
                    && (p.before() == null || r.date.isBefore(LocalDate.parse(p.before())));
        }
        if (referralFilter) throw new IllegalArgumentException(SampleSites.RESOURCE + ": " + s.id + ": " + p + " filters referrals only");
        return p.months() == null || (row instanceof FollowUp f && f.months == p.months());
    }

    /** What a bad row holds in its bad column: a literal, a blank, or one of the row's dates moved (a date cell, or text in a pattern). */
    static Object badValue(SiteDef s, SampleSites.BadRow b, Object row) {
        if (b.blank()) return null;
        if (b.value() != null) return b.value() instanceof Integer i ? (Object) i.longValue() : b.value();
        if (b.dateOf() == null) throw new IllegalArgumentException(SampleSites.RESOURCE + ": " + s.id + " bad row " + b.column() + " says no value");
        LocalDate d = rawDate(row, b.dateOf()).plusDays(b.plusDays()).plusYears(b.plusYears());
        return b.pattern() == null ? d : java.time.format.DateTimeFormatter.ofPattern(b.pattern()).format(d);
    }

    static LocalDate rawDate(Object row, String column) {
        LocalDate d;
        if (row instanceof Referral r && column.equals("referral_date")) d = r.date;
        else if (row instanceof Referral r && column.equals("decision_date")) d = r.decisionDate;
        else if (row instanceof Referral r && column.equals("case_start_date")) d = r.start;
        else if (row instanceof Referral r && column.equals("date_of_birth")) d = r.yp.dob;
        else if (row instanceof Case c && column.equals("start_date")) d = c.start;
        else if (row instanceof Case c && column.equals("end_date")) d = c.end;
        else if (row instanceof FollowUp f && column.equals("follow_up_date")) d = f.date;
        else throw new IllegalArgumentException("no date column " + column + " in a " + row.getClass().getSimpleName());
        if (d == null) throw new IllegalStateException(column + " is blank in the row picked");
        return d;
    }

    // ------------------------------------------------------------------ value formats

    enum DateStyle { CELL, DMY, D_MON_YYYY, D_MONTH_YYYY, ISO, D_M_YY }

    enum BoolStyle { Y_N, YES_NO, ONE_ZERO }

    static String formatDate(LocalDate d, DateStyle style) {
        return switch (style) {
            case CELL, DMY -> String.format("%02d/%02d/%04d", d.getDayOfMonth(), d.getMonthValue(), d.getYear());
            case D_MON_YYYY -> d.getDayOfMonth() + " " + MON[d.getMonthValue() - 1] + " " + d.getYear();
            case D_MONTH_YYYY -> d.getDayOfMonth() + " " + MONTH[d.getMonthValue() - 1] + " " + d.getYear();
            case ISO -> d.toString();
            case D_M_YY -> d.getDayOfMonth() + "/" + d.getMonthValue() + "/" + String.format("%02d", d.getYear() % 100);
        };
    }

    static Object date(LocalDate d, DateStyle style) {
        if (d == null) return null;
        return style == DateStyle.CELL ? d : formatDate(d, style);
    }

    static Object bool(boolean b, BoolStyle style) {
        return switch (style) {
            case Y_N -> b ? "Y" : "N";
            case YES_NO -> b ? "Yes" : "No";
            case ONE_ZERO -> b ? 1L : 0L;
        };
    }

    /** A column of a written table: its header as the site writes it and the canonical column it maps to. */
    record Col<T>(String header, String canonical, Function<T, Object> value) {}

    static <T> Col<T> col(String header, String canonical, Function<T, Object> value) {
        return new Col<>(header, canonical, value);
    }

    static <T> Table table(String file, String sheet, String dataset, SiteDef site, int blankAfterTitle,
                           List<Col<T>> cols, List<T> rows, Function<T, Bad> bad, Function<T, Object> badValue) {
        List<String> headers = new ArrayList<>(), canon = new ArrayList<>();
        for (Col<T> c : cols) {
            headers.add(c.header());
            canon.add(c.canonical());
        }
        Table t = new Table(file, sheet, dataset, site.id, site.title(), blankAfterTitle, headers, canon);
        for (T row : rows) {
            List<Object> cells = new ArrayList<>();
            for (Col<T> c : cols) cells.add(c.value().apply(row));
            Bad b = bad.apply(row);
            if (b != null) {
                int i = canon.indexOf(b.column());
                if (i < 0) throw new IllegalStateException("bad column " + b.column() + " not in " + file);
                cells.set(i, badValue.apply(row));
            }
            t.data(cells, b);
        }
        return t;
    }

    /** The site's spelling of a code, or a clear failure naming the site and the list when it has none. */
    static String spell(SiteDef s, String list, Map<String, String> spellings, String code) {
        if (spellings == null || !spellings.containsKey(code)) {
            throw new IllegalArgumentException(SampleSites.RESOURCE + ": " + s.id + " spells no " + list + " code " + code);
        }
        return spellings.get(code);
    }

    static Function<String, String> ethnicity(SiteDef s) {
        String list = s.decl.spellings().ethnicity();
        if (list == null) return Function.identity();
        Map<String, String> m = DECLARED.ethnicity().get(list);
        if (m == null) throw new IllegalArgumentException(SampleSites.RESOURCE + ": " + s.id + " names no ethnicity list " + list);
        return code -> spell(s, "ethnicity", m, code);
    }

    static List<Col<Referral>> referralCols(SiteDef s, SampleSites.TableDef td) {
        SampleSites.Spellings sp = s.decl.spellings();
        DateStyle ds = dateStyle(td);
        BoolStyle bs = boolStyle(td);
        Function<String, String> ethnicity = ethnicity(s);
        List<Col<Referral>> cols = new ArrayList<>();
        td.columns().forEach((canonical, header) -> {
            Function<Referral, Object> f = switch (canonical) {
                case "referral_key" -> x -> x.id;
                case "site_id" -> x -> sp.site();
                case "young_person_key" -> x -> personIdValue(x.yp.id, sp);
                case "young_person_name" -> x -> x.yp.name;
                case "date_of_birth" -> x -> date(x.yp.dob, ds);
                case "age_at_referral" -> x -> (long) x.age;
                case "postcode" -> x -> x.yp.postcode;
                case "sex" -> x -> spell(s, "sex", sp.sex(), x.yp.sex);
                case "ethnicity" -> x -> ethnicity.apply(x.yp.ethnicity);
                case "referral_date" -> x -> date(x.date, ds);
                case "referral_source" -> x -> spell(s, "source", sp.source(), x.source);
                case "edge_of_care" -> x -> bool(x.edgeOfCare, bs);
                case "decision" -> x -> spell(s, "decision", sp.decision(), x.decision);
                case "decision_date" -> x -> date(x.decisionDate, ds);
                case "decline_reason" -> x -> x.declineReason == null ? null : spell(s, "decline", sp.decline(), x.declineReason);
                case "case_start_date" -> x -> date(x.start, ds);
                case "notes" -> x -> x.notes;
                default -> throw new IllegalArgumentException(SampleSites.RESOURCE + ": " + s.id + " referral column " + canonical);
            };
            cols.add(col(header, canonical, f));
        });
        return cols;
    }

    /** Metro City's Mosaic IDs are numbers, and Excel stores them as numeric cells. */
    static Object personIdValue(String id, SampleSites.Spellings sp) {
        return sp.numericIds() ? (Object) Long.parseLong(id) : id;
    }

    static List<Col<Case>> closureCols(SiteDef s, SampleSites.TableDef td) {
        SampleSites.Spellings sp = s.decl.spellings();
        DateStyle ds = dateStyle(td);
        BoolStyle bs = boolStyle(td);
        List<Col<Case>> cols = new ArrayList<>();
        td.columns().forEach((canonical, header) -> {
            Function<Case, Object> f = switch (canonical) {
                case "case_key" -> x -> x.ref.id;
                case "site_id" -> x -> sp.site();
                case "young_person_key" -> x -> personIdValue(x.ref.yp.id, sp);
                case "young_person_name" -> x -> x.ref.yp.name;
                case "therapist_key" -> x -> x.therapist;
                case "start_date" -> x -> date(x.start, ds);
                case "end_date" -> x -> date(x.end, ds);
                case "closure_reason" -> x -> spell(s, "closure", sp.closure(), x.reason);
                case "living_at_home" -> x -> bool(x.home, bs);
                case "in_education_or_work" -> x -> bool(x.eet, bs);
                case "no_new_offence" -> x -> bool(x.noOffence, bs);
                case "exit_route" -> x -> spell(s, "exit", sp.exit(), x.exitRoute);
                case "notes" -> x -> x.notes;
                default -> throw new IllegalArgumentException(SampleSites.RESOURCE + ": " + s.id + " closure column " + canonical);
            };
            cols.add(col(header, canonical, f));
        });
        return cols;
    }

    static List<Col<FollowUp>> followUpCols(SiteDef s, SampleSites.TableDef td) {
        SampleSites.Spellings sp = s.decl.spellings();
        DateStyle ds = dateStyle(td);
        BoolStyle bs = boolStyle(td);
        List<Col<FollowUp>> cols = new ArrayList<>();
        td.columns().forEach((canonical, header) -> {
            Function<FollowUp, Object> f = switch (canonical) {
                case "case_key" -> x -> x.c.ref.id;
                case "site_id" -> x -> sp.site();
                case "months" -> x -> (long) x.months;
                case "follow_up_date" -> x -> date(x.date, ds);
                case "living_at_home" -> x -> bool(x.home, bs);
                case "entered_care" -> x -> bool(x.enteredCare, bs);
                case "in_education_or_work" -> x -> bool(x.eet, bs);
                case "new_offence" -> x -> bool(x.newOffence, bs);
                default -> throw new IllegalArgumentException(SampleSites.RESOURCE + ": " + s.id + " follow-up column " + canonical);
            };
            cols.add(col(header, canonical, f));
        });
        return cols;
    }

    static DateStyle dateStyle(SampleSites.TableDef td) {
        return DateStyle.valueOf(td.dates().toUpperCase(java.util.Locale.ROOT));
    }

    static BoolStyle boolStyle(SampleSites.TableDef td) {
        return BoolStyle.valueOf(td.booleans().toUpperCase(java.util.Locale.ROOT));
    }

    // ------------------------------------------------------------------ the one site writer

    /**
     * Writes a site's referral log as {@code sample-sites.yml} declares it: marks its bad rows, builds its tables
     * (columns, spellings, date and yes/no styles), lays out their blank and Total rows, and writes them in the
     * site's file format through {@link SampleFiles}.
     */
    static void writeSite(Path dir, SiteData d, Oracle oracle) throws IOException {
        SiteDef s = d.site;
        markBadRows(d);
        List<Table> tables = new ArrayList<>();
        Table refs = null, clo = null, fu = null;
        for (SampleSites.TableDef td : s.decl.tables()) {
            Table t = switch (td.dataset()) {
                case "referral" -> refs = table(td.file(), td.sheet(), "referral", s, td.blankAfterTitle(),
                        referralCols(s, td), d.referrals, x -> x.bad, x -> x.badValue);
                case "case_closure" -> clo = table(td.file(), td.sheet(), "case_closure", s, td.blankAfterTitle(),
                        closureCols(s, td), d.closures, x -> x.bad, x -> x.badValue);
                case "follow_up" -> fu = table(td.file(), td.sheet(), "follow_up", s, td.blankAfterTitle(),
                        followUpCols(s, td), d.followUps, x -> x.bad, x -> x.badValue);
                default -> throw new IllegalArgumentException(SampleSites.RESOURCE + ": " + s.id + " table of unknown dataset " + td.dataset());
            };
            if (td.layout() != null) for (SampleSites.Step step : td.layout()) layout(s, t, step, d);
            tables.add(t);
        }
        if (refs == null || clo == null || fu == null) throw new IllegalArgumentException(SampleSites.RESOURCE + ": " + s.id + " needs a referral, a case_closure and a follow_up table");
        List<String> readMe = null;
        if (s.decl.readMe() != null) {
            readMe = new ArrayList<>();
            readMe.add(s.title());
            readMe.addAll(s.decl.readMe());
        }
        SampleFiles.write(dir, DECLARED.format(s.decl.format()), tables, readMe);
        oracle.add(d, refs, clo, fu);
    }

    static void layout(SiteDef s, Table t, SampleSites.Step step, SiteData d) {
        if (step.blankBetween() != null) {
            if (!step.blankBetween().equals("year") || !t.dataset.equals("referral")) {
                throw new IllegalArgumentException(SampleSites.RESOURCE + ": " + s.id + " blank_between: year is for referral tables");
            }
            t.blankBetween((a, b) -> ((Referral) a).date.getYear() != ((Referral) b).date.getYear(), d.referrals);
        } else if (step.blankAt() != null) {
            t.blankAt(step.blankAt());
        } else if (step.blankBeforeLast() != null) {
            t.blankAt(t.lines.size() - step.blankBeforeLast());
        } else if (step.emptyStringsAt() != null) {
            t.emptyStringRowAt(step.emptyStringsAt());
        } else if (step.blankAtEnd()) {
            t.blank();
        } else if (step.total()) {
            t.total();
        } else {
            throw new IllegalArgumentException(SampleSites.RESOURCE + ": " + s.id + " empty layout step in " + t.file);
        }
    }

    // ------------------------------------------------------------------ the written table model

    /** REPEAT: a data row an earlier file already holds (a later export repeating months): skipped, not loaded again. */
    enum Kind { DATA, BLANK, EMPTY_STRINGS, TOTAL, REPEAT }

    static final class Line {
        final Kind kind;
        final List<Object> cells;
        final Bad bad;
        int rowNumber;      // 1-based, as a spreadsheet user sees it (physical line for CSV)

        Line(Kind kind, List<Object> cells, Bad bad) {
            this.kind = kind;
            this.cells = cells;
            this.bad = bad;
        }
    }

    /** One sheet or CSV file: a title row, optional blank rows, the header, then lines. */
    static final class Table {
        final String file, sheet, dataset, siteId, title;
        final int blankAfterTitle;
        final List<String> headers, canonical;
        final List<Line> lines = new ArrayList<>();
        int titleRow, headerRow;

        Table(String file, String sheet, String dataset, String siteId, String title, int blankAfterTitle,
              List<String> headers, List<String> canonical) {
            this.file = file;
            this.sheet = sheet;
            this.dataset = dataset;
            this.siteId = siteId;
            this.title = title;
            this.blankAfterTitle = blankAfterTitle;
            this.headers = headers;
            this.canonical = canonical;
        }

        void data(List<Object> cells, Bad bad) {
            lines.add(new Line(Kind.DATA, new ArrayList<>(cells), bad));
        }

        void blank() {
            lines.add(new Line(Kind.BLANK, List.of(), null));
        }

        void blankAt(int index) {
            lines.add(index, new Line(Kind.BLANK, List.of(), null));
        }

        void emptyStringRowAt(int index) {
            lines.add(index, new Line(Kind.EMPTY_STRINGS, List.of(), null));
        }

        /** A blank row wherever {@code split} says two neighbouring source rows belong apart. */
        <T> void blankBetween(java.util.function.BiPredicate<Object, Object> split, List<T> rows) {
            List<Line> out = new ArrayList<>();
            int i = 0;
            T prev = null;
            for (Line l : lines) {
                if (l.kind == Kind.DATA) {
                    T cur = rows.get(i++);
                    if (prev != null && split.test(prev, cur)) out.add(new Line(Kind.BLANK, List.of(), null));
                    prev = cur;
                }
                out.add(l);
            }
            lines.clear();
            lines.addAll(out);
        }

        void total() {
            long n = lines.stream().filter(l -> l.kind == Kind.DATA).count();
            List<Object> cells = new ArrayList<>();
            cells.add("Total");
            cells.add(sheet != null ? (Object) n : String.valueOf(n));
            lines.add(new Line(Kind.TOTAL, cells, null));
        }
    }

    // ------------------------------------------------------------------ the oracle

    static final class Oracle {
        final Map<String, Map<String, Object>> datasets = new LinkedHashMap<>();
        final Map<String, Object> sites = new LinkedHashMap<>();
        Map<String, Object> careRecords = Map.of();

        Oracle() {
            for (String ds : List.of("la_reference", "site", "referral", "case_closure", "follow_up", "fidelity_tam", "fidelity_sam")) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("good_rows", 0L);
                m.put("files", new ArrayList<Object>());
                m.put("bad_rows", new ArrayList<Object>());
                datasets.put(ds, m);
            }
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> add(Table t) {
            Map<String, Object> ds = datasets.get(t.dataset);
            long good = 0, bad = 0;
            List<Object> blank = new ArrayList<>(), summary = new ArrayList<>(), repeated = new ArrayList<>();
            for (Line l : t.lines) {
                switch (l.kind) {
                    case DATA -> {
                        if (l.bad == null) {
                            good++;
                        } else {
                            bad++;
                            Map<String, Object> b = new LinkedHashMap<>();
                            b.put("file", t.file);
                            b.put("sheet", t.sheet);
                            b.put("row", (long) l.rowNumber);
                            b.put("column", l.bad.column());
                            b.put("reason", l.bad.reason());
                            int i = t.canonical.indexOf(l.bad.column());
                            Object v = i < 0 ? null : l.cells.get(i);   // "(row)": a whole-row fault such as a duplicate
                            b.put("value", v == null ? null : v instanceof LocalDate d ? formatDate(d, DateStyle.DMY) : v.toString());
                            b.put("detail", l.bad.detail());
                            if (t.siteId != null) b.put("site_id", t.siteId);
                            ((List<Object>) ds.get("bad_rows")).add(b);
                        }
                    }
                    case BLANK, EMPTY_STRINGS -> blank.add((long) l.rowNumber);
                    case TOTAL -> summary.add((long) l.rowNumber);
                    case REPEAT -> repeated.add((long) l.rowNumber);
                }
            }
            ds.put("good_rows", (Long) ds.get("good_rows") + good);
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("file", t.file);
            f.put("sheet", t.sheet);
            if (t.siteId != null) f.put("site_id", t.siteId);
            f.put("title_row", (long) t.titleRow);
            f.put("header_row", (long) t.headerRow);
            f.put("data_rows", good + bad);
            f.put("good_rows", good);
            f.put("bad_rows", bad);
            f.put("blank_rows", blank);
            f.put("summary_rows", summary);
            if (!repeated.isEmpty()) f.put("repeated_rows", repeated);
            ((List<Object>) ds.get("files")).add(f);
            return f;
        }

        void add(SiteData d, Table refs, Table clo, Table fu) {
            long referrals = 0, accepted = 0, declined = 0, withdrawn = 0, pending = 0, started = 0;
            for (Referral r : d.referrals) {
                if (r.bad != null) continue;
                referrals++;
                switch (r.decision) {
                    case "ACCEPTED" -> accepted++;
                    case "DECLINED" -> declined++;
                    case "WITHDRAWN" -> withdrawn++;
                    default -> pending++;
                }
                if (r.start != null) started++;
            }
            long closures = 0, home = 0, eet = 0, noOffence = 0;
            for (Case c : d.closures) {
                if (c.bad != null) continue;
                closures++;
                if (c.home) home++;
                if (c.eet) eet++;
                if (c.noOffence) noOffence++;
            }
            long followUps = d.followUps.stream().filter(x -> x.bad == null).count();
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("files", new ArrayList<>(List.of(add(refs), add(clo), add(fu))));
            s.put("referrals", referrals);
            s.put("accepted", accepted);
            s.put("declined", declined);
            s.put("withdrawn", withdrawn);
            s.put("pending", pending);
            s.put("cases_started", started);
            s.put("closures", closures);
            Map<String, Object> outcomes = new LinkedHashMap<>();
            outcomes.put("living_at_home", home);
            outcomes.put("in_education_or_work", eet);
            outcomes.put("no_new_offence", noOffence);
            s.put("closure_outcomes", outcomes);
            s.put("follow_ups", followUps);
            s.put("therapists", new ArrayList<Object>(d.therapists));
            Set<String> ids = new LinkedHashSet<>(), names = new LinkedHashSet<>(), dobs = new LinkedHashSet<>(),
                    dobsIso = new LinkedHashSet<>(), postcodes = new LinkedHashSet<>();
            for (Table t : List.of(refs, clo, fu)) {
                for (Line l : t.lines) {
                    if (l.kind != Kind.DATA) continue;
                    for (int i = 0; i < t.canonical.size(); i++) {
                        Object v = l.cells.get(i);
                        if (v == null) continue;
                        String text = v instanceof LocalDate dd ? formatDate(dd, DateStyle.DMY) : v.toString();
                        switch (t.canonical.get(i)) {
                            case "referral_key", "young_person_key", "case_key", "therapist_key" -> ids.add(text);
                            case "young_person_name" -> names.add(text);
                            case "postcode" -> postcodes.add(text);
                            case "date_of_birth" -> dobs.add(text);
                            default -> { }
                        }
                    }
                }
            }
            for (Referral r : d.referrals) {
                if (dobs.isEmpty()) break;
                dobsIso.add(r.yp.dob.toString());
            }
            Map<String, Object> privacy = new LinkedHashMap<>();
            privacy.put("identifiers", new ArrayList<Object>(ids));
            privacy.put("names", new ArrayList<Object>(names));
            privacy.put("dates_of_birth", new ArrayList<Object>(dobs));
            privacy.put("dates_of_birth_iso", new ArrayList<Object>(dobsIso));
            privacy.put("postcodes", new ArrayList<Object>(postcodes));
            s.put("privacy", privacy);
            sites.put(d.site.id, s);
        }

        String toJson() {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("about", "Ground truth for sample-data/, written by org.sightline.sample.SampleDataGenerator."
                    + " Row numbers are 1-based as a spreadsheet user sees them (physical lines in a CSV, counting"
                    + " the title and header rows). Blank rows and trailing 'Total' rows are neither loaded nor"
                    + " rejected. Counts per site are of good rows only. privacy lists every raw value that must"
                    + " never appear in the lake (dates of birth as written and as ISO dates).");
            root.put("seed", SEED);
            root.put("data_end", DATA_END.toString());
            Map<String, Object> reasons = new LinkedHashMap<>();
            reasons.put("required", "a required column is blank in this row");
            reasons.put("code", "the value matches no code or alias of a coded column");
            reasons.put("date_impossible", "a date that does not exist, such as 31/02/2025");
            reasons.put("date_ambiguous", "a month-first date such as 03/25/2025 (dates are day-first and never guessed)");
            reasons.put("integer", "the value is not a whole number");
            reasons.put("boolean", "the value is not one of Y/N, Yes/No, 1/0, True/False, T/F");
            reasons.put("range", "the value is outside the column's min/max");
            reasons.put("<rule name>", "a contract row rule failed (e.g. decision_after_referral); 'column' is its left-hand column");
            reasons.put("duplicate", "the row repeats the natural key of an earlier row of the same file; 'column' is (row)");
            reasons.put("team", "a team name not listed for the site in jobs/codes/teams.yml (fidelity exports)");
            reasons.put("interview_before_case_start", "a TAM-R interview dated before its case started (fidelity hook)");
            reasons.put("interview_after_case_end", "a TAM-R interview dated after its case closed (fidelity hook)");
            reasons.put("repeated_rows", "rows of a later export that an earlier file already holds (append mode): neither loaded again nor rejected");
            root.put("reasons", reasons);
            root.put("datasets", datasets);
            root.put("sites", sites);
            root.put("care_records", careRecords);
            return Json.write(root);
        }
    }
}
