package org.sightline.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.sightline.sample.SampleDataGenerator.Case;
import org.sightline.sample.SampleDataGenerator.FollowUp;
import org.sightline.sample.SampleDataGenerator.Person;
import org.sightline.sample.SampleDataGenerator.Referral;
import org.sightline.sample.SampleDataGenerator.SiteData;

/**
 * The SSDA903 returns of the sample sites' LAs ({@code sample-data/care-records/}): one episodes and one
 * header file per LA, holding the collection years 2025 and 2026 and an in-year extract for 2027 (to the
 * sample's data end), with a YEAR column. The children are the sites' referred young people who were looked
 * after (with the LA's child ID the referral log gives, so the two link), and other looked-after children
 * of the LA. Who is looked after follows the sites' simulation: a case whose closure says it entered care,
 * or whose follow-up first says so, starts a period of care between the two dates; about one in ten of
 * these is looked after by another LA (not in these returns: the link rate's gap); young people referred
 * but not served enter care more often; a few edge-of-care young people were already looked after when
 * referred (reunification). One seeded Random, after the sites' own simulation, so the MST files do not
 * change with it.
 */
final class LinkedCareSamples {

    static final String DIR = "care-records";
    static final int[] YEARS = {2025, 2026, 2027};
    static final LocalDate EXTRACT = SampleDataGenerator.DATA_END;
    static final String TITLE = "SYNTHETIC SAMPLE DATA - SSDA903 ";
    static final String[] ADOLESCENT_PLACES = {"U1", "U3", "U4", "U5", "U6", "K2", "R1", "H5", "P1"};
    static final int[] ADOLESCENT_WEIGHT = {6, 10, 8, 10, 4, 9, 1, 2, 2};

    private LinkedCareSamples() {}

    /** A period of care: its child, LA, dates and episodes' placements. */
    static final class PeriodOfCare {
        String childId, la, sex, ethnicity;
        LocalDate dob, start, end, change;
        String place1, place2, ls, cin, rec;
    }

    /** Writes the files into {@code dir}; returns the oracle's section. */
    static Map<String, Object> write(Path dir, List<SiteData> sites, Random r) throws IOException {
        Files.createDirectories(dir);
        Map<String, List<PeriodOfCare>> byLa = new TreeMap<>();
        Map<String, Object> perSite = new LinkedHashMap<>();
        for (SiteData d : sites) {
            List<String> las = new ArrayList<>(d.site.laCodes);
            las.remove(LacSampleGenerator.SSDA903_LA);   // 929 has its own stand-alone sample return (LacSampleGenerator)
            Map<Person, List<Referral>> byPerson = new LinkedHashMap<>();
            for (Referral ref : d.referrals) byPerson.computeIfAbsent(ref.yp, k -> new ArrayList<>()).add(ref);
            Map<Case, List<FollowUp>> followUps = new LinkedHashMap<>();
            for (FollowUp f : d.followUps) followUps.computeIfAbsent(f.c, k -> new ArrayList<>()).add(f);
            long linked = 0, elsewhere = 0;
            for (Map.Entry<Person, List<Referral>> e : byPerson.entrySet()) {
                String la = las.get(r.nextInt(las.size()));
                PeriodOfCare p = periodFor(e.getValue(), followUps, d, r);
                if (p == null) continue;
                if (p.childId == null) {
                    elsewhere++;
                    continue;
                }
                p.la = la;
                Person yp = e.getKey();
                p.childId = d.site.decl.spellings().numericIds() ? String.format("%010d", Long.parseLong(yp.id)) : yp.id;
                p.dob = yp.dob;
                p.sex = yp.sex.equals("F") ? "2" : yp.sex.equals("M") ? "1" : (r.nextBoolean() ? "1" : "2");
                p.ethnicity = yp.ethnicity;
                byLa.computeIfAbsent(la, k -> new ArrayList<>()).add(p);
                linked++;
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("las", las);
            s.put("young_people_in_care_records", linked);
            s.put("looked_after_by_another_la", elsewhere);
            perSite.put(d.site.id, s);
        }
        for (Map.Entry<String, List<PeriodOfCare>> e : byLa.entrySet()) e.getValue().addAll(background(e.getKey(), r));

        List<Object> files = new ArrayList<>();
        for (Map.Entry<String, List<PeriodOfCare>> e : byLa.entrySet()) {
            String la = e.getKey();
            List<PeriodOfCare> periods = e.getValue();
            periods.sort(Comparator.comparing((PeriodOfCare p) -> p.start).thenComparing(p -> p.childId));
            for (PeriodOfCare p : periods) placements(p, r);
            List<String> episodes = new ArrayList<>(), header = new ArrayList<>();
            episodes.add(TITLE + "episodes table, collection years 2025 and 2026 and the 2027 in-year extract - made-up episodes");
            episodes.add("YEAR,CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN");
            header.add(TITLE + "header table, collection years 2025 and 2026 and the 2027 in-year extract - made-up children");
            header.add("YEAR,CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB");
            for (int year : YEARS) {
                LocalDate yearStart = LocalDate.of(year - 1, 4, 1);
                LocalDate cut = LocalDate.of(year, 3, 31).isAfter(EXTRACT) ? EXTRACT : LocalDate.of(year, 3, 31);
                for (PeriodOfCare p : periods) {
                    boolean any = false;
                    LocalDate[] starts = p.change == null ? new LocalDate[]{p.start} : new LocalDate[]{p.start, p.change};
                    for (int i = 0; i < starts.length; i++) {
                        LocalDate decom = starts[i];
                        LocalDate dec = i + 1 < starts.length ? starts[i + 1] : p.end;
                        if (decom.isAfter(cut) || (dec != null && dec.isBefore(yearStart))) continue;
                        boolean ceased = dec != null && !dec.isAfter(cut);
                        boolean last = i + 1 == starts.length;
                        String place = i == 0 ? p.place1 : p.place2;
                        String provider = place.startsWith("U") ? "PR1" : place.equals("K2") ? "PR4" : place.equals("P1") || place.equals("H5") ? "PR0" : "PR3";
                        episodes.add(String.join(",", String.valueOf(year), p.childId, decom.format(LacSampleGenerator.DMY), i == 0 ? "S" : "P",
                                p.ls, p.cin, place, provider, ceased ? dec.format(LacSampleGenerator.DMY) : "",
                                ceased ? (last ? p.rec : "X1") : "", ceased && !last ? "CARPL" : "", "", "",
                                place.equals("K2") ? "SC" + (400_000 + Math.floorMod(p.childId.hashCode(), 99_999)) : "XXXXXXX"));
                        any = true;
                    }
                    if (any) header.add(String.join(",", String.valueOf(year), p.childId, p.sex, p.dob.format(LacSampleGenerator.DMY),
                            p.ethnicity, "", "", ""));
                }
            }
            String episodesFile = "ssda903-" + la + "-episodes.synthetic.csv", headerFile = "ssda903-" + la + "-header.synthetic.csv";
            Files.writeString(dir.resolve(episodesFile), String.join("\r\n", episodes) + "\r\n", StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(headerFile), String.join("\r\n", header) + "\r\n", StandardCharsets.UTF_8);
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("la_code", la);
            f.put("episodes_file", episodesFile);
            f.put("episode_rows", (long) episodes.size() - 2);
            f.put("header_file", headerFile);
            f.put("header_rows", (long) header.size() - 2);
            files.add(f);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("folder", DIR);
        out.put("files", files);
        out.put("sites", perSite);
        return out;
    }

    /**
     * The period of care of a young person referred once or more, from the first referral that leads to
     * one; null when none. A period whose {@code childId} is null is looked after by another LA.
     */
    static PeriodOfCare periodFor(List<Referral> refs, Map<Case, List<FollowUp>> followUps, SiteData d, Random r) {
        for (Referral ref : refs) {
            if (ref.decision == null || ref.decision.equals("PENDING")) continue;
            PeriodOfCare p = new PeriodOfCare();
            p.childId = "";
            Case c = ref.caze;
            if (ref.edgeOfCare && r.nextDouble() < 0.08) {
                // already looked after when referred: MST works towards going home (reunification)
                p.start = ref.date.minusDays(20 + r.nextInt(130));
                p.end = c != null ? c.start.plusDays(10 + r.nextInt(50)) : (r.nextBoolean() ? null : ref.date.plusDays(60 + r.nextInt(240)));
                p.rec = "E4A";
                return within(p);
            }
            if (c != null) {
                if (!d.closures.contains(c)) continue;   // still in treatment
                LocalDate from = c.end;
                if ("ENTERED_CARE".equals(c.exitRoute)) {
                    p.start = c.end.minusDays(r.nextInt(15));
                } else {
                    List<FollowUp> fs = new ArrayList<>(followUps.getOrDefault(c, List.of()));
                    fs.sort(Comparator.comparingInt((FollowUp f) -> f.months));
                    for (FollowUp f : fs) {
                        if (f.enteredCare) {
                            p.start = from.plusDays(1 + r.nextInt((int) Math.max(1, ChronoUnit.DAYS.between(from, f.date) - 1)));
                            break;
                        }
                        from = f.date;
                    }
                    if (p.start == null && r.nextDouble() < (ref.edgeOfCare ? 0.06 : 0.02)) p.start = from.plusDays(30 + r.nextInt(335));
                }
                if (p.start == null) continue;
                if (r.nextDouble() < 0.1) p.childId = null;   // looked after by another LA
            } else {
                double chance = ref.edgeOfCare ? 0.42 : 0.10;
                if (r.nextDouble() >= chance) continue;
                p.start = ref.date.plusDays(5 + Math.min(540, (long) (-Math.log(1 - r.nextDouble()) * 150)));
            }
            p.end = r.nextDouble() < 0.45 ? null : p.start.plusDays(40 + r.nextInt(460));
            p.rec = r.nextInt(4) == 0 ? "E8" : "E4A";
            PeriodOfCare in = within(p);
            if (in != null) return in;
        }
        return null;
    }

    /** The period as the returns can see it by the data end: null when it starts after it; an end after it is not known yet. */
    static PeriodOfCare within(PeriodOfCare p) {
        if (p.start.isAfter(EXTRACT)) return null;
        if (p.end != null && p.end.isAfter(EXTRACT)) p.end = null;
        return p;
    }

    /** Other children the LA looked after: every age, periods from 2023 on. */
    static List<PeriodOfCare> background(String la, Random r) {
        List<PeriodOfCare> out = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            PeriodOfCare p = new PeriodOfCare();
            p.la = la;
            p.childId = "L" + la + String.format("%05d", 10_000 + i * 13 + r.nextInt(13));
            p.start = LocalDate.of(2023, 6, 1).plusDays(r.nextInt(1200));
            p.dob = p.start.minusDays(30 + r.nextInt(17 * 365));
            if (p.dob.getDayOfMonth() == 1) p.dob = p.dob.plusDays(1);
            p.sex = r.nextBoolean() ? "1" : "2";
            p.ethnicity = "WBRI";
            p.end = r.nextDouble() < 0.4 ? null : p.start.plusDays(30 + r.nextInt(670));
            p.rec = LacSampleGenerator.REC_FINAL[r.nextInt(LacSampleGenerator.REC_FINAL.length)];
            if (within(p) != null) out.add(p);
        }
        return out;
    }

    /** Legal status, need, placements and a placement change for a period. */
    static void placements(PeriodOfCare p, Random r) {
        boolean adolescent = Period.between(p.dob, p.start).getYears() >= 10;
        p.ls = r.nextInt(3) == 0 ? "V2" : (r.nextBoolean() ? "C2" : "C1");
        p.cin = adolescent && r.nextInt(3) == 0 ? "N5" : "N1";
        p.place1 = adolescent ? pick(r) : LacSampleGenerator.PLACES[r.nextInt(6)];
        p.place2 = adolescent ? pick(r) : LacSampleGenerator.PLACES[r.nextInt(6)];
        LocalDate last = p.end == null ? EXTRACT : p.end;
        long days = ChronoUnit.DAYS.between(p.start, last);
        p.change = days > 120 && r.nextDouble() < 0.4 ? p.start.plusDays(60 + r.nextInt((int) (days - 90))) : null;
    }

    static String pick(Random r) {
        int total = 0;
        for (int w : ADOLESCENT_WEIGHT) total += w;
        int x = r.nextInt(total);
        for (int i = 0; i < ADOLESCENT_PLACES.length; i++) {
            x -= ADOLESCENT_WEIGHT[i];
            if (x < 0) return ADOLESCENT_PLACES[i];
        }
        return ADOLESCENT_PLACES[0];
    }
}
