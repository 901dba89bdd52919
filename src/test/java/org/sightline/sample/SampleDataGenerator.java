package org.sightline.sample;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Writes Sightline's synthetic sample data: an LA reference file, a site list and, for five MST sites,
 * two years of referral logs with closures and follow-ups, in the messy shapes real files arrive in.
 * Alongside it returns (and {@link #main} writes) a JSON oracle of what an ingest must make of them:
 * how many rows load, which rows are rejected and why (file, sheet, spreadsheet row, column, reason),
 * and per site the raw identifiers, names, dates of birth and postcodes that must never reach the lake.
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
        for (int i = 0; i < SITES.size(); i++) {
            SiteDef site = SITES.get(i);
            SiteData data = simulate(site, new Random(SEED + 7919L * (i + 1)));
            site.writer.write(outDir, data, oracle);
            FidelitySamples.write(outDir.resolve(FidelitySamples.DIR), data, new Random(SEED + 104_729L * (i + 1)), oracle);
        }
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

    /** Real DfE code, GSS code, name and region; population and neighbours are synthesised. */
    record La(String code, String gss, String name, String region, int population) {}

    static final List<La> LAS = List.of(
            new La("801", "E06000023", "Bristol, City of", "South West", 96_000),
            new La("810", "E06000010", "Kingston upon Hull, City of", "Yorkshire and The Humber", 60_000),
            new La("839", "E06000058", "Bournemouth, Christchurch and Poole", "South West", 74_000),
            new La("838", "E06000059", "Dorset", "South West", 66_000),
            new La("879", "E06000026", "Plymouth", "South West", 52_000),
            new La("873", "E10000003", "Cambridgeshire", "East of England", 148_000),
            new La("874", "E06000031", "Peterborough", "East of England", 52_000),
            new La("330", "E08000025", "Birmingham", "West Midlands", 290_000),
            new La("352", "E08000003", "Manchester", "North West", 128_000),
            new La("383", "E08000035", "Leeds", "Yorkshire and The Humber", 178_000),
            new La("372", "E08000018", "Rotherham", "Yorkshire and The Humber", 58_000),
            new La("384", "E08000036", "Wakefield", "Yorkshire and The Humber", 75_000),
            new La("306", "E09000008", "Croydon", "London", 93_000),
            new La("209", "E09000023", "Lewisham", "London", 64_000),
            new La("886", "E10000016", "Kent", "South East", 345_000),
            new La("921", "E06000046", "Isle of Wight", "South East", 23_000),
            new La("929", "E06000057", "Northumberland", "North East", 58_000),
            new La("390", "E08000037", "Gateshead", "North East", 38_000));

    static void writeLaReference(Path dir, Oracle oracle) throws IOException {
        Random r = new Random(SEED);
        Table t = new Table("la-reference.synthetic.csv", null, "la_reference", null,
                "SYNTHETIC SAMPLE DATA " + DASH + " real public LA codes and GSS codes and names " + DASH
                        + " made-up population_0_17 and statistical neighbours",
                0, List.of("LA code", "GSS code", "LA name", "Region", "Statistical neighbours", "Population 0-17",
                        "Successor LA codes", "Ceased on"),
                List.of("la_code", "gss_code", "la_name", "region", "statistical_neighbours", "population_0_17",
                        "successor_la_codes", "ceased_on"));
        for (La la : LAS) {
            // same-region authorities first, then a seeded shuffle of the rest: plausible, not real
            List<String> same = new ArrayList<>(), rest = new ArrayList<>();
            for (La o : LAS) {
                if (o.code().equals(la.code())) continue;
                (o.region().equals(la.region()) ? same : rest).add(o.code());
            }
            java.util.Collections.shuffle(same, r);
            java.util.Collections.shuffle(rest, r);
            List<String> sn = new ArrayList<>(same);
            sn.addAll(rest);
            sn = sn.subList(0, 10);
            int pop = (int) Math.round(la.population() * (0.92 + 0.16 * r.nextDouble()) / 10.0) * 10;
            t.data(List.of(la.code(), la.gss(), la.name(), la.region(), String.join(", ", sn), String.valueOf(pop), "", ""), null);
        }
        // as lookups really look: a blank line, then two authorities that ceased in the 2019 Dorset
        // reorganisation, their successor said by the lookup (never guessed), no population, and the
        // region given as its ONS code
        t.blank();
        t.data(List.of("837", "E06000028", "Bournemouth", "E12000009", "", "", "839", "31/03/2019"), null);
        t.data(List.of("836", "E06000029", "Poole", "E12000009", "", "", "839", "31/03/2019"), null);
        Csv.write(dir.resolve(t.file), t, ',', StandardCharsets.UTF_8, "\r\n", true, false);
        oracle.add(t);
    }

    static void writeSites(Path dir, Oracle oracle) throws IOException {
        Table t = new Table("sites.synthetic.csv", null, "site", null,
                "SYNTHETIC SAMPLE DATA " + DASH + " not real services " + DASH + " MST sites",
                0, List.of("Site ID", "Site name", "LA codes", "Programme", "Teams", "Therapists (FTE)",
                        "Go-live date", "Closed on"),
                List.of("site_id", "site_name", "la_codes", "programme", "teams", "therapists_fte", "go_live",
                        "closed_on"));
        for (SiteDef s : SITES) {
            t.data(Arrays.asList(s.id, s.displayName, String.join(", ", s.laCodes), s.programme,
                    String.valueOf(s.teams), s.fte, s.goLive.toString(),
                    s.closedOn == null ? "" : s.closedOn.toString()), null);
        }
        Csv.write(dir.resolve(t.file), t, ',', StandardCharsets.UTF_8, "\n", false, false);
        oracle.add(t);
    }

    // ------------------------------------------------------------------ sites

    interface SiteWriter {
        void write(Path dir, SiteData data, Oracle oracle) throws IOException;
    }

    static final class SiteDef {
        final String id, displayName, slug, programme, fte;
        final int teams, therapists;
        final List<String> laCodes;
        final LocalDate goLive, closedOn, lastReferralMonth, extract;
        final String[] districts;
        final boolean diverse;
        final Function<Random, String> personId;
        SiteWriter writer;

        SiteDef(String id, String displayName, String slug, String programme, int teams, int therapists, String fte,
                List<String> laCodes, LocalDate goLive, LocalDate closedOn, LocalDate lastReferralMonth,
                LocalDate extract, String[] districts, boolean diverse, Function<Random, String> personId) {
            this.id = id;
            this.displayName = displayName;
            this.slug = slug;
            this.programme = programme;
            this.teams = teams;
            this.therapists = therapists;
            this.fte = fte;
            this.laCodes = laCodes;
            this.goLive = goLive;
            this.closedOn = closedOn;
            this.lastReferralMonth = lastReferralMonth;
            this.extract = extract;
            this.districts = districts;
            this.diverse = diverse;
            this.personId = personId;
        }

        String prefix() {
            return switch (id) {
                case "ISOLATED_COASTAL" -> "IC";
                case "EXPANDED_CITY" -> "EC";
                case "METRO_CITY" -> "MC";
                case "NORTHERN_SHIRE" -> "NS";
                default -> "RV";
            };
        }

        String title() {
            return "SYNTHETIC SAMPLE DATA " + DASH + " not real people " + DASH + " " + displayName + " referral log";
        }
    }

    static final LocalDate LAST_MONTH = LocalDate.of(2026, 10, 1);

    static final List<SiteDef> SITES = new ArrayList<>();

    static {
        SiteDef ic = new SiteDef("ISOLATED_COASTAL", "Isolated Coastal", "isolated-coastal", "MST Standard", 1, 4,
                "3.6", List.of("810"), LocalDate.of(2009, 4, 1), null, LAST_MONTH, DATA_END,
                new String[]{"HU1", "HU2", "HU3", "HU4", "HU5", "HU6", "HU7", "HU8", "HU9"}, false,
                r -> String.format("YP%05d", 10_000 + r.nextInt(90_000)));
        ic.writer = SampleDataGenerator::writeIsolatedCoastal;
        SiteDef ec = new SiteDef("EXPANDED_CITY", "Expanded City", "expanded-city", "MST Standard", 1, 4,
                "4.0", List.of("801"), LocalDate.of(2008, 10, 1), null, LAST_MONTH, DATA_END,
                new String[]{"BS2", "BS3", "BS4", "BS5", "BS7", "BS10", "BS11", "BS13", "BS14", "BS16"}, true,
                r -> String.format("C%06d", 200_000 + r.nextInt(700_000)));
        ec.writer = SampleDataGenerator::writeExpandedCity;
        SiteDef mc = new SiteDef("METRO_CITY", "Metro City", "metro-city", "MST Standard", 2, 8,
                "7.5", List.of("330"), LocalDate.of(2008, 6, 2), null, LAST_MONTH, DATA_END,
                new String[]{"B6", "B8", "B9", "B10", "B11", "B12", "B21", "B23", "B33", "B36", "B44"}, true,
                r -> String.valueOf(1_000_000 + r.nextInt(8_999_999)));
        mc.writer = SampleDataGenerator::writeMetroCity;
        SiteDef ns = new SiteDef("NORTHERN_SHIRE", "Northern Shire", "northern-shire", "MST Standard", 1, 3,
                "3.0", List.of("929", "390"), LocalDate.of(2015, 9, 1), null, LAST_MONTH, DATA_END,
                new String[]{"NE8", "NE9", "NE10", "NE22", "NE24", "NE61", "NE63", "NE65", "NE66"}, false,
                r -> String.format("NS-P-%05d", 10_000 + r.nextInt(90_000)));
        ns.writer = SampleDataGenerator::writeNorthernShire;
        SiteDef rv = new SiteDef("RIVER_VALLEY", "River Valley", "river-valley", "MST-PSB", 1, 4,
                "3.5", List.of("873", "874"), LocalDate.of(2019, 1, 7), LocalDate.of(2026, 8, 31),
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 8, 31),
                new String[]{"PE1", "PE2", "PE3", "PE4", "PE7", "PE13", "PE15", "CB1", "CB4", "CB6"}, false,
                r -> String.format("RV%04d", 1_000 + r.nextInt(9_000)));
        rv.writer = SampleDataGenerator::writeRiverValley;
        SITES.addAll(List.of(ic, ec, mc, ns, rv));
    }

    static String referralId(SiteDef s, int year, int seq, int running) {
        return switch (s.id) {
            case "ISOLATED_COASTAL" -> String.format("IC-%d-%03d", year, seq);
            case "EXPANDED_CITY" -> String.format("EC/%d/%03d", year, seq);
            case "METRO_CITY" -> String.format("MC%02d-%04d", year % 100, seq);
            case "NORTHERN_SHIRE" -> String.format("NS-REF-%05d", 1200 + running);
            default -> String.format("RV-%d-%03d", year, seq);
        };
    }

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

    static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    static SiteData simulate(SiteDef site, Random r) {
        SiteData d = new SiteData();
        d.site = site;
        for (int i = 1; i <= site.therapists; i++) d.therapists.add(String.format("%s-T%02d", site.prefix(), i));

        // referrals: 2-4 per month on weekdays
        List<Referral> refs = new ArrayList<>();
        Map<Person, LocalDate> reReferable = new LinkedHashMap<>();   // declined or withdrawn -> decided on
        int personCount = 0;
        for (LocalDate m = FIRST_MONTH; !m.isAfter(site.lastReferralMonth); m = m.plusMonths(1)) {
            int n = 2 + r.nextInt(3);
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
                    if (x < 0.64) {
                        ref.decision = "ACCEPTED";
                        LocalDate start = ref.date.plusDays(14 + r.nextInt(15));
                        if (!start.isAfter(decided)) start = decided.plusDays(3);
                        ref.start = start.isAfter(site.extract) ? null : start;
                    } else if (x < 0.91) {
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
            ref.id = referralId(site, year, seq, ++running);
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
            c.end = ref.start.plusDays(90 + r.nextInt(71));
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
        boolean accented = site.id.equals("RIVER_VALLEY") && index % 6 == 0;
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
            p.id = site.personId.apply(r);
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
        return site.id.equals("RIVER_VALLEY") ? pick(r, RIVER_NOTES) : pick(r, REFERRAL_NOTES);
    }

    static String closureNote(SiteDef site, Random r, Case c) {
        return site.id.equals("RIVER_VALLEY") && r.nextBoolean() ? pick(r, RIVER_NOTES)
                : pick(r, CLOSURE_NOTES.get(c.reason));
    }

    // ------------------------------------------------------------------ deliberate errors

    /** The n-th (1-based) referral matching {@code p}, in file order. */
    static Referral nth(List<Referral> refs, int n, Predicate<Referral> p) {
        int seen = 0;
        for (Referral ref : refs) if (ref.bad == null && p.test(ref) && ++seen == n) return ref;
        throw new IllegalStateException("no referral #" + n + " matching");
    }

    /** The last referral matching {@code p}, in file order. */
    static Referral last(List<Referral> refs, Predicate<Referral> p) {
        Referral found = null;
        for (Referral ref : refs) if (ref.bad == null && p.test(ref)) found = ref;
        if (found == null) throw new IllegalStateException("no referral matching");
        return found;
    }

    static final Predicate<Referral> DECLINED = x -> "DECLINED".equals(x.decision);

    // ------------------------------------------------------------------ spellings used by each site

    static Map<String, String> map(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
        return m;
    }

    static final Map<String, String> ETHNIC_SHORT = map("WBRI", "White British", "WIRI", "White Irish",
            "WOTH", "White Other", "MWBC", "White and Black Caribbean", "MWBA", "White and Black African",
            "MWAS", "White and Asian", "MOTH", "Mixed Other", "AIND", "Indian", "APKN", "Pakistani",
            "ABAN", "Bangladeshi", "AOTH", "Asian Other", "BCRB", "Black Caribbean", "BAFR", "Black African",
            "BOTH", "Black Other", "CHNE", "Chinese", "OOTH", "Other ethnic group", "REFU", "Refused",
            "NOBT", "Not obtained");
    static final Map<String, String> ETHNIC_LONG = map("WBRI", "White - British", "WIRI", "White - Irish",
            "WOTH", "White - Any other White background", "MWBC", "Mixed - White and Black Caribbean",
            "MWBA", "Mixed - White and Black African", "MWAS", "Mixed - White and Asian",
            "MOTH", "Mixed - Any other mixed background", "AIND", "Asian - Indian", "APKN", "Asian - Pakistani",
            "ABAN", "Asian - Bangladeshi", "AOTH", "Asian - Any other Asian background", "BCRB", "Black - Caribbean",
            "BAFR", "Black - African", "BOTH", "Black - Any other Black background", "CHNE", "Chinese",
            "OOTH", "Any other ethnic group", "REFU", "Refused", "NOBT", "Information not yet obtained");

    /** Per-site spellings of canonical codes. */
    static final class Spell {
        Map<String, String> source, sex, decision, decline, closure, exit;
        Function<String, String> ethnicity = Function.identity();
        String site;
        boolean numericIds;   // Excel holds the person IDs as numbers
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

    static List<Col<Referral>> referralCols(Spell sp, DateStyle ds, BoolStyle bs, String[] headers) {
        // headers: canonical=header pairs, in the order the site writes them; "-" header = omitted
        List<Col<Referral>> cols = new ArrayList<>();
        for (String h : headers) {
            String[] kv = h.split("=", 2);
            String canonical = kv[0], header = kv[1];
            Function<Referral, Object> f = switch (canonical) {
                case "referral_key" -> x -> x.id;
                case "site_id" -> x -> sp.site;
                case "young_person_key" -> x -> personIdValue(x.yp.id, sp);
                case "young_person_name" -> x -> x.yp.name;
                case "date_of_birth" -> x -> date(x.yp.dob, ds);
                case "age_at_referral" -> x -> (long) x.age;
                case "postcode" -> x -> x.yp.postcode;
                case "sex" -> x -> sp.sex.get(x.yp.sex);
                case "ethnicity" -> x -> sp.ethnicity.apply(x.yp.ethnicity);
                case "referral_date" -> x -> date(x.date, ds);
                case "referral_source" -> x -> sp.source.get(x.source);
                case "edge_of_care" -> x -> bool(x.edgeOfCare, bs);
                case "decision" -> x -> sp.decision.get(x.decision);
                case "decision_date" -> x -> date(x.decisionDate, ds);
                case "decline_reason" -> x -> x.declineReason == null ? null : sp.decline.get(x.declineReason);
                case "case_start_date" -> x -> date(x.start, ds);
                case "notes" -> x -> x.notes;
                default -> throw new IllegalArgumentException(canonical);
            };
            cols.add(col(header, canonical, f));
        }
        return cols;
    }

    /** Metro City's Mosaic IDs are numbers, and Excel stores them as numeric cells. */
    static Object personIdValue(String id, Spell sp) {
        return sp.numericIds ? (Object) Long.parseLong(id) : id;
    }

    static List<Col<Case>> closureCols(Spell sp, DateStyle ds, BoolStyle bs, String[] headers) {
        List<Col<Case>> cols = new ArrayList<>();
        for (String h : headers) {
            String[] kv = h.split("=", 2);
            String canonical = kv[0], header = kv[1];
            Function<Case, Object> f = switch (canonical) {
                case "case_key" -> x -> x.ref.id;
                case "site_id" -> x -> sp.site;
                case "young_person_key" -> x -> personIdValue(x.ref.yp.id, sp);
                case "young_person_name" -> x -> x.ref.yp.name;
                case "therapist_key" -> x -> x.therapist;
                case "start_date" -> x -> date(x.start, ds);
                case "end_date" -> x -> date(x.end, ds);
                case "closure_reason" -> x -> sp.closure.get(x.reason);
                case "living_at_home" -> x -> bool(x.home, bs);
                case "in_education_or_work" -> x -> bool(x.eet, bs);
                case "no_new_offence" -> x -> bool(x.noOffence, bs);
                case "exit_route" -> x -> sp.exit.get(x.exitRoute);
                case "notes" -> x -> x.notes;
                default -> throw new IllegalArgumentException(canonical);
            };
            cols.add(col(header, canonical, f));
        }
        return cols;
    }

    static List<Col<FollowUp>> followUpCols(Spell sp, DateStyle ds, BoolStyle bs, String[] headers) {
        List<Col<FollowUp>> cols = new ArrayList<>();
        for (String h : headers) {
            String[] kv = h.split("=", 2);
            String canonical = kv[0], header = kv[1];
            Function<FollowUp, Object> f = switch (canonical) {
                case "case_key" -> x -> x.c.ref.id;
                case "site_id" -> x -> sp.site;
                case "months" -> x -> (long) x.months;
                case "follow_up_date" -> x -> date(x.date, ds);
                case "living_at_home" -> x -> bool(x.home, bs);
                case "entered_care" -> x -> bool(x.enteredCare, bs);
                case "in_education_or_work" -> x -> bool(x.eet, bs);
                case "new_offence" -> x -> bool(x.newOffence, bs);
                default -> throw new IllegalArgumentException(canonical);
            };
            cols.add(col(header, canonical, f));
        }
        return cols;
    }

    static Table referralTable(String file, String sheet, SiteDef site, int blankAfterTitle,
                               List<Col<Referral>> cols, List<Referral> refs) {
        return table(file, sheet, "referral", site, blankAfterTitle, cols, refs, x -> x.bad, x -> x.badValue);
    }

    static Table closureTable(String file, String sheet, SiteDef site, int blankAfterTitle,
                              List<Col<Case>> cols, List<Case> rows) {
        return table(file, sheet, "case_closure", site, blankAfterTitle, cols, rows, x -> x.bad, x -> x.badValue);
    }

    static Table followUpTable(String file, String sheet, SiteDef site, int blankAfterTitle,
                               List<Col<FollowUp>> cols, List<FollowUp> rows) {
        return table(file, sheet, "follow_up", site, blankAfterTitle, cols, rows, x -> x.bad, x -> x.badValue);
    }

    // ------------------------------------------------------------------ Isolated Coastal: XLSX, date cells, Y/N

    static void writeIsolatedCoastal(Path dir, SiteData d, Oracle oracle) throws IOException {
        SiteDef s = d.site;
        Spell sp = new Spell();
        sp.site = "Isolated Coastal";
        sp.source = map("CSC", "Children's Social Care", "YOS", "YOT", "CAMHS", "CAMHS", "EDUCATION", "School",
                "POLICE", "Police", "HEALTH", "GP", "FAMILY", "Parent", "OTHER", "Early Help");
        sp.sex = map("M", "Male", "F", "Female", "U", "Not known");
        sp.decision = map("ACCEPTED", "Accepted", "DECLINED", "Declined", "WITHDRAWN", "Withdrawn", "PENDING", "Pending");
        sp.decline = map("NOT_ELIGIBLE", "Not eligible", "FAMILY_DECLINED", "Family declined",
                "NO_CAPACITY", "No capacity", "ALREADY_OPEN", "Already open", "OTHER", "Other");
        sp.closure = map("COMPLETED", "Completed", "LACK_OF_ENGAGEMENT", "Lack of engagement",
                "PLACED_OUT_OF_HOME", "Placed out of home", "MOVED_AWAY", "Moved away", "OTHER", "Other");
        sp.exit = map("PREVENTED_CARE", "Prevented care", "REUNIFIED", "Reunified",
                "CLOSED_TO_SOCIAL_CARE", "Closed to social care", "STEPPED_DOWN", "Stepped down",
                "REMAINED_OPEN", "Remained open", "ENTERED_CARE", "Entered care", "CUSTODY", "Custody", "OTHER", "Other");

        Referral unknown = nth(d.referrals, 3, DECLINED);
        unknown.bad = new Bad("referral_source", "code", "'Housing Officer' is not a referral source code");
        unknown.badValue = "Housing Officer";
        Referral early = nth(d.referrals, 10, DECLINED);
        early.bad = new Bad("decision_date", "decision_after_referral", "decision dated six days before the referral");
        early.badValue = early.date.minusDays(6);
        Case typo = d.closures.get(6);
        typo.bad = new Bad("end_date", "end_after_start", "end date typed a year early");
        typo.badValue = typo.end.minusYears(1);

        String file = s.slug + "-referral-log.synthetic.xlsx";
        DateStyle ds = DateStyle.CELL;
        BoolStyle bs = BoolStyle.Y_N;
        Table refs = referralTable(file, "Referrals", s, 1, referralCols(sp, ds, bs, new String[]{
                "referral_key=Ref No", "site_id=Site", "young_person_key=YP ID", "young_person_name=Young Person",
                "date_of_birth=DOB", "postcode=Postcode", "sex=Gender", "ethnicity=Ethnicity",
                "referral_date=Date of Referral", "referral_source=Referred By", "edge_of_care=Edge of Care?",
                "decision=Panel Decision", "decision_date=Decision Date", "decline_reason=Reason Declined",
                "case_start_date=Case Start Date", "notes=Notes"}), d.referrals);
        refs.blankBetween((a, b) -> ((Referral) a).date.getYear() != ((Referral) b).date.getYear(), d.referrals);
        refs.blank();
        refs.total();
        Table clo = closureTable(file, "Closures", s, 1, closureCols(sp, ds, bs, new String[]{
                "case_key=Case ID", "site_id=Site", "young_person_key=YP ID", "young_person_name=Young Person",
                "therapist_key=Therapist", "start_date=Start Date", "end_date=End Date",
                "closure_reason=Closure Reason", "living_at_home=Living at home",
                "in_education_or_work=In school/working", "no_new_offence=No new arrest", "exit_route=Exit Route",
                "notes=Notes"}), d.closures);
        Table fu = followUpTable(file, "Follow-ups", s, 1, followUpCols(sp, ds, bs, new String[]{
                "case_key=Case ID", "site_id=Site", "months=Follow-up (months)", "follow_up_date=Follow-up date",
                "living_at_home=Living at home", "entered_care=Entered care",
                "in_education_or_work=In school/working", "new_offence=New offence"}), d.followUps);
        Xlsx.write(dir.resolve(file), List.of(refs, clo, fu), "dd/mm/yyyy", null);
        oracle.add(d, refs, clo, fu);
    }

    // ------------------------------------------------------------------ Expanded City: XLSX, text dates, Yes/No

    static void writeExpandedCity(Path dir, SiteData d, Oracle oracle) throws IOException {
        SiteDef s = d.site;
        Spell sp = new Spell();
        sp.site = "Expanded City MST";
        sp.source = map("CSC", "Social Care", "YOS", "Youth Offending Team", "CAMHS", "CAMHS", "EDUCATION", "Education",
                "POLICE", "Police", "HEALTH", "Health", "FAMILY", "Self-referral", "OTHER", "Other");
        sp.sex = map("M", "M", "F", "F", "U", "U");
        sp.ethnicity = ETHNIC_SHORT::get;
        sp.decision = map("ACCEPTED", "Yes", "DECLINED", "No", "WITHDRAWN", "Withdrawn", "PENDING", "Pending");
        sp.decline = map("NOT_ELIGIBLE", "Does not meet criteria", "FAMILY_DECLINED", "Parent declined",
                "NO_CAPACITY", "Team full", "ALREADY_OPEN", "Already receiving service", "OTHER", "Other");
        sp.closure = map("COMPLETED", "Planned closure", "LACK_OF_ENGAGEMENT", "Disengaged",
                "PLACED_OUT_OF_HOME", "Accommodated", "MOVED_AWAY", "Moved out of area", "OTHER", "Other");
        sp.exit = map("PREVENTED_CARE", "Care prevented", "REUNIFIED", "Returned home",
                "CLOSED_TO_SOCIAL_CARE", "Closed to CSC", "STEPPED_DOWN", "Step down to early help",
                "REMAINED_OPEN", "Open to CSC", "ENTERED_CARE", "Became looked after", "CUSTODY", "Youth custody",
                "OTHER", "Other");

        Referral feb = last(d.referrals, x -> DECLINED.test(x) && x.date.isBefore(LocalDate.of(2025, 3, 15)));
        feb.bad = new Bad("referral_date", "date_impossible", "impossible date 31/02/2025");
        feb.badValue = "31/02/2025";
        Referral noId = nth(d.referrals, 9, DECLINED);
        noId.bad = new Bad("referral_key", "required", "referral ID left blank");
        noId.badValue = null;
        FollowUp three = null;
        int sixes = 0;
        for (FollowUp f : d.followUps) if (f.months == 6 && ++sixes == 3) three = f;
        three.bad = new Bad("months", "range", "3 months is below the minimum of 6");
        three.badValue = 3L;

        String file = s.slug + "-referral-log.synthetic.xlsx";
        Table refs = referralTable(file, "Referral log", s, 0, referralCols(sp, DateStyle.D_MON_YYYY, BoolStyle.YES_NO,
                new String[]{"referral_key=Referral ID", "site_id=Service", "young_person_key=Child ID",
                        "young_person_name=Child's Name", "date_of_birth=Date of Birth", "postcode=Post Code",
                        "sex=Sex", "ethnicity=Ethnic Origin", "referral_date=Referral Received",
                        "referral_source=Referral Source", "edge_of_care=EOC", "decision=Accepted?",
                        "decision_date=Date of Decision", "decline_reason=Reason for Decline",
                        "case_start_date=Start Date"}), d.referrals);
        refs.blankAt(17);
        refs.blankAt(46);
        refs.total();
        Table clo = closureTable(file, "Case closures", s, 0, closureCols(sp, DateStyle.DMY, BoolStyle.YES_NO,
                new String[]{"case_key=Case Ref", "site_id=Service", "young_person_key=Child ID",
                        "therapist_key=Therapist ID", "start_date=MST Start", "end_date=Discharge Date",
                        "closure_reason=Reason for Closure", "living_at_home=At Home",
                        "in_education_or_work=In Education or Work", "no_new_offence=No New Offences",
                        "exit_route=Exit Destination"}), d.closures);
        clo.blankAt(12);
        Table fu = followUpTable(file, "Follow up", s, 0, followUpCols(sp, DateStyle.DMY, BoolStyle.YES_NO,
                new String[]{"case_key=Case Ref", "site_id=Service", "months=Months after closure",
                        "follow_up_date=Date checked", "living_at_home=At Home", "entered_care=Became Looked After",
                        "in_education_or_work=In Education or Work", "new_offence=Arrested"}), d.followUps);
        List<String> readMe = List.of(s.title(),
                "",
                "This workbook is synthetic sample data made by org.sightline.sample.SampleDataGenerator.",
                "No row describes a real child, family, worker or service.",
                "Sheets: Referral log, Case closures, Follow up.");
        Xlsx.write(dir.resolve(file), List.of(refs, clo, fu), "dd/mm/yyyy", readMe);
        oracle.add(d, refs, clo, fu);
    }

    // ------------------------------------------------------------------ Metro City: XLSX, ages not DOBs, 1/0

    static void writeMetroCity(Path dir, SiteData d, Oracle oracle) throws IOException {
        SiteDef s = d.site;
        Spell sp = new Spell();
        sp.site = "Metro City";
        sp.numericIds = true;
        sp.source = map("CSC", "CSC", "YOS", "YOS", "CAMHS", "CAMHS", "EDUCATION", "Education",
                "POLICE", "Police", "HEALTH", "Health", "FAMILY", "Family", "OTHER", "Other");
        sp.sex = map("M", "Male", "F", "Female", "U", "Not known");
        sp.decision = map("ACCEPTED", "Accepted", "DECLINED", "Not accepted", "WITHDRAWN", "Withdrawn",
                "PENDING", "Awaiting panel");
        sp.decline = map("NOT_ELIGIBLE", "Not eligible", "FAMILY_DECLINED", "Family refused",
                "NO_CAPACITY", "No capacity", "ALREADY_OPEN", "Already open to MST", "OTHER", "Other");
        sp.closure = map("COMPLETED", "Treatment completed", "LACK_OF_ENGAGEMENT", "Non-engagement",
                "PLACED_OUT_OF_HOME", "Placed in care", "MOVED_AWAY", "Family moved", "OTHER", "Other");
        sp.exit = map("PREVENTED_CARE", "Prevented care", "REUNIFIED", "Reunified", "CLOSED_TO_SOCIAL_CARE", "NFA",
                "STEPPED_DOWN", "Stepped down", "REMAINED_OPEN", "Remained open to social care",
                "ENTERED_CARE", "Entered care", "CUSTODY", "Custody", "OTHER", "Other");

        Referral words = nth(d.referrals, 4, DECLINED);
        words.bad = new Bad("age_at_referral", "integer", "age written in words");
        words.badValue = "fourteen";
        Case moved = d.closures.get(4);
        moved.bad = new Bad("closure_reason", "code", "'Transferred to another team' is not a closure reason code");
        moved.badValue = "Transferred to another team";

        String file = s.slug + "-referral-log.synthetic.xlsx";
        Table refs = referralTable(file, "Referrals 2024-26", s, 0, referralCols(sp, DateStyle.CELL, BoolStyle.ONE_ZERO,
                new String[]{"referral_key=Referral Number", "site_id=MST Site", "young_person_key=Mosaic ID",
                        "young_person_name=Full Name", "age_at_referral=Age at Referral", "postcode=Home Postcode",
                        "sex=Gender", "ethnicity=Ethnicity Code", "referral_date=Referral Date",
                        "referral_source=Source of Referral", "edge_of_care=Edge of Care", "decision=Status",
                        "decision_date=Decision Date", "decline_reason=Decline Reason",
                        "case_start_date=MST Start Date"}), d.referrals);
        refs.emptyStringRowAt(30);
        refs.total();
        Table clo = closureTable(file, "Discharges", s, 0, closureCols(sp, DateStyle.CELL, BoolStyle.ONE_ZERO,
                new String[]{"case_key=Referral Number", "site_id=MST Site", "young_person_key=Mosaic ID",
                        "therapist_key=Therapist Code", "start_date=Date Opened", "end_date=Date Closed",
                        "closure_reason=Discharge Reason", "living_at_home=Lives at home", "in_education_or_work=EET",
                        "no_new_offence=No re-arrest", "exit_route=Social care outcome"}), d.closures);
        Table fu = followUpTable(file, "FU outcomes", s, 0, followUpCols(sp, DateStyle.D_MONTH_YYYY, BoolStyle.ONE_ZERO,
                new String[]{"case_key=Referral Number", "site_id=MST Site", "months=FU Month",
                        "follow_up_date=Review Date", "living_at_home=Lives at home", "entered_care=CLA",
                        "in_education_or_work=EET", "new_offence=Reoffended"}), d.followUps);
        Xlsx.write(dir.resolve(file), List.of(refs, clo, fu), "d-mmm-yy", null);
        oracle.add(d, refs, clo, fu);
    }

    // ------------------------------------------------------------------ Northern Shire: CSV, UTF-8, ISO dates, Y/N

    static void writeNorthernShire(Path dir, SiteData d, Oracle oracle) throws IOException {
        SiteDef s = d.site;
        Spell sp = new Spell();
        sp.site = "NORTHERN SHIRE";
        sp.source = map("CSC", "SOCIAL CARE", "YOS", "YOUTH JUSTICE SERVICE", "CAMHS", "CAMHS", "EDUCATION", "SCHOOL",
                "POLICE", "POLICE", "HEALTH", "GP", "FAMILY", "FAMILY", "OTHER", "OTHER");
        sp.sex = map("M", "M", "F", "F", "U", "U");
        sp.ethnicity = ETHNIC_LONG::get;
        sp.decision = map("ACCEPTED", "ACCEPTED", "DECLINED", "DECLINED", "WITHDRAWN", "WITHDRAWN", "PENDING", "PENDING");
        sp.decline = map("NOT_ELIGIBLE", "NOT ELIGIBLE", "FAMILY_DECLINED", "FAMILY DECLINED",
                "NO_CAPACITY", "NO CAPACITY", "ALREADY_OPEN", "ALREADY OPEN", "OTHER", "OTHER");
        sp.closure = map("COMPLETED", "COMPLETED", "LACK_OF_ENGAGEMENT", "LACK OF ENGAGEMENT",
                "PLACED_OUT_OF_HOME", "PLACED OUT OF HOME", "MOVED_AWAY", "MOVED AWAY", "OTHER", "OTHER");
        sp.exit = map("PREVENTED_CARE", "PREVENTED CARE", "REUNIFIED", "REUNIFIED",
                "CLOSED_TO_SOCIAL_CARE", "CLOSED TO SOCIAL CARE", "STEPPED_DOWN", "STEPPED DOWN", "REMAINED_OPEN", "REMAINED OPEN", "ENTERED_CARE", "ENTERED CARE",
                "CUSTODY", "CUSTODY", "OTHER", "OTHER");

        Referral us = nth(d.referrals, 1, x -> DECLINED.test(x) && x.date.getYear() == 2025 && x.date.getDayOfMonth() > 12);
        us.bad = new Bad("referral_date", "date_ambiguous", "month-first date");
        us.badValue = String.format("%02d/%02d/%04d", us.date.getMonthValue(), us.date.getDayOfMonth(), us.date.getYear());
        Referral hold = nth(d.referrals, 8, DECLINED);
        hold.bad = new Bad("decision", "code", "'On hold' is not a decision code");
        hold.badValue = "On hold";
        Case partly = d.closures.get(3);
        partly.bad = new Bad("living_at_home", "boolean", "'Partly' is not yes or no");
        partly.badValue = "Partly";

        DateStyle ds = DateStyle.ISO;
        BoolStyle bs = BoolStyle.Y_N;
        Table refs = referralTable(s.slug + "-referrals.synthetic.csv", null, s, 0, referralCols(sp, ds, bs,
                new String[]{"referral_key=REFERRAL_REF", "site_id=SITE", "young_person_key=PERSON_ID",
                        "young_person_name=FULL_NAME", "date_of_birth=DOB", "sex=SEX", "ethnicity=ETHNICITY",
                        "referral_date=REFERRAL_DATE", "referral_source=REFERRAL_SOURCE",
                        "edge_of_care=EDGE_OF_CARE", "decision=DECISION", "decision_date=DECISION_DATE",
                        "decline_reason=DECLINE_REASON", "case_start_date=CASE_START_DATE"}), d.referrals);
        refs.blankAt(refs.lines.size() - 5);
        refs.total();
        Table clo = closureTable(s.slug + "-closures.synthetic.csv", null, s, 0, closureCols(sp, ds, bs,
                new String[]{"case_key=CASE_REF", "site_id=SITE", "young_person_key=PERSON_ID",
                        "therapist_key=THERAPIST_ID", "start_date=START_DATE", "end_date=END_DATE",
                        "closure_reason=CLOSURE_REASON", "living_at_home=AT_HOME",
                        "in_education_or_work=IN_EDUCATION", "no_new_offence=NO_NEW_OFFENCE",
                        "exit_route=EXIT_ROUTE"}), d.closures);
        Table fu = followUpTable(s.slug + "-follow-ups.synthetic.csv", null, s, 0, followUpCols(sp, ds, bs,
                new String[]{"case_key=CASE_REF", "site_id=SITE", "months=MONTHS", "follow_up_date=FOLLOW_UP_DATE",
                        "living_at_home=LIVING_AT_HOME", "entered_care=ENTERED_CARE",
                        "in_education_or_work=IN_EDUCATION", "new_offence=NEW_OFFENCE"}), d.followUps);
        fu.blankAt(9);
        for (Table t : List.of(refs, clo, fu)) {
            Csv.write(dir.resolve(t.file), t, ',', StandardCharsets.UTF_8, "\n", false, false);
        }
        oracle.add(d, refs, clo, fu);
    }

    // ------------------------------------------------------------------ River Valley: CSV ; Windows-1252, d/m/yy

    static void writeRiverValley(Path dir, SiteData d, Oracle oracle) throws IOException {
        SiteDef s = d.site;
        Spell sp = new Spell();
        sp.site = "River Valley MST";
        sp.source = map("CSC", "Social worker", "YOS", "Youth Offending Service", "CAMHS", "CAMHS", "EDUCATION", "School",
                "POLICE", "Police", "HEALTH", "School nurse", "FAMILY", "Parent/carer", "OTHER", "Voluntary sector");
        sp.sex = map("M", "Male", "F", "Female", "U", "Unknown");
        sp.ethnicity = ETHNIC_SHORT::get;
        sp.decision = map("ACCEPTED", "Accepted", "DECLINED", "Declined", "WITHDRAWN", "Withdrawn", "PENDING", "To panel");
        sp.decline = map("NOT_ELIGIBLE", "Outside criteria", "FAMILY_DECLINED", "Family declined",
                "NO_CAPACITY", "Waiting list full", "ALREADY_OPEN", "Already open", "OTHER", "Other");
        sp.closure = map("COMPLETED", "Completed", "LACK_OF_ENGAGEMENT", "Family disengaged",
                "PLACED_OUT_OF_HOME", "Entered care", "MOVED_AWAY", "Moved away", "OTHER", "Other");
        sp.exit = map("PREVENTED_CARE", "Remained at home", "REUNIFIED", "Returned home",
                "CLOSED_TO_SOCIAL_CARE", "Closed to children's social care", "STEPPED_DOWN", "Early help",
                "REMAINED_OPEN", "Ongoing social care", "ENTERED_CARE", "Looked after", "CUSTODY", "Custody",
                "OTHER", "Other");

        Referral leap = last(d.referrals, x -> DECLINED.test(x) && x.date.isBefore(LocalDate.of(2025, 2, 27)));
        leap.bad = new Bad("decision_date", "date_impossible", "29 February 2025 does not exist");
        leap.badValue = "29/2/25";
        FollowUp noCase = d.followUps.get(1);
        noCase.bad = new Bad("case_key", "required", "case number left blank");
        noCase.badValue = null;

        DateStyle ds = DateStyle.D_M_YY;
        BoolStyle bs = BoolStyle.YES_NO;
        Charset cp1252 = Charset.forName("windows-1252");
        Table refs = referralTable(s.slug + "-referrals.synthetic.csv", null, s, 0, referralCols(sp, ds, bs,
                new String[]{"referral_key=Ref. No.", "site_id=Site", "young_person_key=YP Ref",
                        "young_person_name=Name", "date_of_birth=D.O.B", "postcode=Postcode", "sex=Gender",
                        "ethnicity=Ethnicity", "referral_date=Date received", "referral_source=Referrer",
                        "edge_of_care=Edge of care", "decision=Panel outcome", "decision_date=Panel date",
                        "decline_reason=Reason not accepted", "case_start_date=Date started", "notes=Comments"}),
                d.referrals);
        refs.blankAt(21);
        refs.total();
        Table clo = closureTable(s.slug + "-closures.synthetic.csv", null, s, 0, closureCols(sp, ds, bs,
                new String[]{"case_key=Case No", "site_id=Site", "young_person_key=YP Ref", "young_person_name=Name",
                        "therapist_key=Therapist", "start_date=Date started", "end_date=Date closed",
                        "closure_reason=Reason closed", "living_at_home=Living at home",
                        "in_education_or_work=In school or working", "no_new_offence=No offending",
                        "exit_route=Route out", "notes=Comments"}), d.closures);
        clo.total();
        Table fu = followUpTable(s.slug + "-follow-ups.synthetic.csv", null, s, 0, followUpCols(sp, ds, bs,
                new String[]{"case_key=Case No", "site_id=Site", "months=Months since discharge",
                        "follow_up_date=Date of follow up", "living_at_home=Living at home", "entered_care=Looked after",
                        "in_education_or_work=In school or working", "new_offence=New offence"}), d.followUps);
        for (Table t : List.of(refs, clo, fu)) {
            Csv.write(dir.resolve(t.file), t, ';', cp1252, "\r\n", false, true);
        }
        oracle.add(d, refs, clo, fu);
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

    static final class Xlsx {
        static void write(Path path, List<Table> tables, String dateFormat, List<String> readMe) throws IOException {
            try (XSSFWorkbook wb = new XSSFWorkbook()) {
                CellStyle dateStyle = wb.createCellStyle();
                dateStyle.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat(dateFormat));
                CellStyle bold = wb.createCellStyle();
                Font f = wb.createFont();
                f.setBold(true);
                bold.setFont(f);
                if (readMe != null) {
                    Sheet sh = wb.createSheet("Read me");
                    for (int i = 0; i < readMe.size(); i++) {
                        if (readMe.get(i).isEmpty()) continue;
                        sh.createRow(i).createCell(0).setCellValue(readMe.get(i));
                    }
                }
                for (Table t : tables) {
                    Sheet sh = wb.createSheet(t.sheet);
                    int r = 0;
                    Cell title = sh.createRow(r++).createCell(0);
                    title.setCellValue(t.title);
                    title.setCellStyle(bold);
                    t.titleRow = r;
                    r += t.blankAfterTitle;
                    Row header = sh.createRow(r++);
                    t.headerRow = r;
                    for (int c = 0; c < t.headers.size(); c++) {
                        Cell cell = header.createCell(c);
                        cell.setCellValue(t.headers.get(c));
                        cell.setCellStyle(bold);
                    }
                    for (Line l : t.lines) {
                        int rowIndex = r++;
                        l.rowNumber = rowIndex + 1;
                        if (l.kind == Kind.BLANK) continue;
                        Row row = sh.createRow(rowIndex);
                        if (l.kind == Kind.EMPTY_STRINGS) {
                            for (int c = 0; c < t.headers.size(); c++) row.createCell(c).setCellValue("");
                            continue;
                        }
                        for (int c = 0; c < l.cells.size(); c++) {
                            Object v = l.cells.get(c);
                            if (v == null) continue;
                            Cell cell = row.createCell(c);
                            if (v instanceof LocalDate d) {
                                cell.setCellValue(d);
                                cell.setCellStyle(dateStyle);
                            } else if (v instanceof Long n) {
                                cell.setCellValue(n.doubleValue());
                            } else if (v instanceof Double n) {
                                cell.setCellValue(n);
                            } else {
                                cell.setCellValue(v.toString());
                            }
                        }
                    }
                    for (int c = 0; c < t.headers.size(); c++) sh.setColumnWidth(c, 18 * 256);
                }
                Date fixed = Date.from(ZIP_TIME.toInstant(ZoneOffset.UTC));
                wb.getProperties().getCoreProperties().setCreated(Optional.of(fixed));
                wb.getProperties().getCoreProperties().setModified(Optional.of(fixed));
                wb.getProperties().getCoreProperties().setCreator("Sightline SampleDataGenerator (synthetic)");
                wb.getProperties().getCoreProperties().setTitle("SYNTHETIC SAMPLE DATA - not real people");
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                wb.write(raw);
                Files.write(path, fixedTimes(raw.toByteArray()));
            }
        }

        /** Re-zips with fixed entry times so the same data gives the same bytes (and SHA-256) every run. */
        static byte[] fixedTimes(byte[] zip) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
                 ZipOutputStream z = new ZipOutputStream(out)) {
                ZipEntry e;
                while ((e = in.getNextEntry()) != null) {
                    ZipEntry copy = new ZipEntry(e.getName());
                    copy.setTimeLocal(ZIP_TIME);
                    z.putNextEntry(copy);
                    in.transferTo(z);
                    z.closeEntry();
                }
            }
            return out.toByteArray();
        }
    }

    static final class Csv {
        static void write(Path path, Table t, char delim, Charset cs, String eol, boolean bom, boolean padTitle)
                throws IOException {
            StringBuilder sb = new StringBuilder();
            int line = 0;
            String pad = padTitle ? String.valueOf(delim).repeat(t.headers.size() - 1) : "";
            sb.append(field(t.title, delim)).append(pad).append(eol);
            t.titleRow = ++line;
            for (int i = 0; i < t.blankAfterTitle; i++) {
                sb.append(eol);
                line++;
            }
            sb.append(join(new ArrayList<>(t.headers), delim)).append(eol);
            t.headerRow = ++line;
            for (Line l : t.lines) {
                l.rowNumber = ++line;
                switch (l.kind) {
                    case BLANK -> sb.append(padTitle ? String.valueOf(delim).repeat(t.headers.size() - 1) : "");
                    case EMPTY_STRINGS -> sb.append(String.valueOf(delim).repeat(t.headers.size() - 1));
                    default -> {
                        List<Object> cells = new ArrayList<>(l.cells);
                        if (l.kind == Kind.TOTAL) while (cells.size() < t.headers.size()) cells.add(null);
                        sb.append(join(cells, delim));
                    }
                }
                sb.append(eol);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (bom) out.write(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            if (!cs.newEncoder().canEncode(sb)) throw new IllegalStateException(t.file + " has characters " + cs + " cannot hold");
            out.write(sb.toString().getBytes(cs));
            Files.write(path, out.toByteArray());
        }

        static String join(List<?> cells, char delim) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) sb.append(delim);
                Object v = cells.get(i);
                if (v instanceof LocalDate) throw new IllegalStateException("date cell in a CSV");
                sb.append(v == null ? "" : field(v.toString(), delim));
            }
            return sb.toString();
        }

        static String field(String v, char delim) {
            if (v.indexOf(delim) >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                return '"' + v.replace("\"", "\"\"") + '"';
            }
            return v;
        }
    }

    // ------------------------------------------------------------------ the oracle

    static final class Oracle {
        final Map<String, Map<String, Object>> datasets = new LinkedHashMap<>();
        final Map<String, Object> sites = new LinkedHashMap<>();

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
            StringBuilder sb = new StringBuilder();
            Json.write(sb, root, 0);
            return sb.append('\n').toString();
        }
    }

    static final class Json {
        static void write(StringBuilder sb, Object v, int indent) {
            if (v == null) {
                sb.append("null");
            } else if (v instanceof String s) {
                string(sb, s);
            } else if (v instanceof Number || v instanceof Boolean) {
                sb.append(v);
            } else if (v instanceof Map<?, ?> m) {
                if (m.isEmpty()) {
                    sb.append("{}");
                    return;
                }
                sb.append("{\n");
                int i = 0;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    sb.append("  ".repeat(indent + 1));
                    string(sb, e.getKey().toString());
                    sb.append(": ");
                    write(sb, e.getValue(), indent + 1);
                    sb.append(++i < m.size() ? ",\n" : "\n");
                }
                sb.append("  ".repeat(indent)).append('}');
            } else if (v instanceof List<?> l) {
                boolean scalars = l.stream().allMatch(x -> !(x instanceof Map) && !(x instanceof List));
                if (l.isEmpty()) {
                    sb.append("[]");
                } else if (scalars) {
                    sb.append('[');
                    for (int i = 0; i < l.size(); i++) {
                        if (i > 0) sb.append(", ");
                        write(sb, l.get(i), indent);
                    }
                    sb.append(']');
                } else {
                    sb.append("[\n");
                    for (int i = 0; i < l.size(); i++) {
                        sb.append("  ".repeat(indent + 1));
                        write(sb, l.get(i), indent + 1);
                        sb.append(i + 1 < l.size() ? ",\n" : "\n");
                    }
                    sb.append("  ".repeat(indent)).append(']');
                }
            } else {
                throw new IllegalArgumentException(v.getClass().toString());
            }
        }

        static void string(StringBuilder sb, String s) {
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                        else sb.append(c);
                    }
                }
            }
            sb.append('"');
        }
    }
}
