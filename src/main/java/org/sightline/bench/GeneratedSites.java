package org.sightline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;

/**
 * Many generated sites (GEN001, GEN002, ...) for the site comparison test and the benchmark's
 * steering-pack run: a copy of a {@code jobs/} folder whose {@code codes/sites.yml} lists them, and an
 * input folder with the site register, referrals and closures for them (plus the sample LA reference).
 * Deterministic. Every 25th site closed on 30 June 2026; every 30th has no referrals or closures at all.
 */
public final class GeneratedSites {
    private GeneratedSites() {}

    /** Where the generated files went: the jobs folder to pass as {@code --jobs}, and the folder to ingest. */
    public record Output(Path jobs, Path input, int sites) {}

    /**
     * @param jobsFrom   the {@code jobs/} folder to copy
     * @param sampleData the {@code sample-data/} folder (its {@code la-reference.synthetic.csv} is copied)
     * @param jobsOut    the new jobs folder (must not exist yet)
     * @param inputOut   the new input folder (must not exist yet)
     * @param n          how many sites
     * @param end        no closure ends after this day (the last day of the report month)
     */
    public static Output write(Path jobsFrom, Path sampleData, Path jobsOut, Path inputOut, int n, LocalDate end) throws IOException {
        copy(jobsFrom, jobsOut);
        Files.createDirectories(inputOut);
        Files.copy(sampleData.resolve("la-reference.synthetic.csv"), inputOut.resolve("la-reference.synthetic.csv"));
        StringBuilder codes = new StringBuilder("# " + n + " generated sites (org.sightline.bench.GeneratedSites)\n");
        StringBuilder sites = new StringBuilder("SYNTHETIC TEST DATA — generated sites\nSite ID,Site name,LA codes,Programme,Teams,Therapists (FTE),Go-live date,Closed on\n");
        StringBuilder refs = new StringBuilder("SYNTHETIC TEST DATA — generated referrals\nREFERRAL_REF,SITE,PERSON_ID,FULL_NAME,DOB,SEX,ETHNICITY,REFERRAL_DATE,REFERRAL_SOURCE,EDGE_OF_CARE,DECISION,DECISION_DATE,DECLINE_REASON,CASE_START_DATE\n");
        StringBuilder clos = new StringBuilder("SYNTHETIC TEST DATA — generated closures\nCASE_REF,SITE,PERSON_ID,THERAPIST_ID,START_DATE,END_DATE,CLOSURE_REASON,AT_HOME,IN_EDUCATION,NO_NEW_OFFENCE,EXIT_ROUTE\n");
        int ref = 0;
        for (int s = 1; s <= n; s++) {
            String id = String.format("GEN%03d", s);
            codes.append(id).append(": [Generated site ").append(String.format("%03d", s)).append("]\n");
            String closed = s % 25 == 0 ? "2026-06-30" : "";
            sites.append(id).append(",Generated site ").append(String.format("%03d", s)).append(",810,MST Standard,1,").append(2 + s % 4).append(",2020-01-01,").append(closed).append('\n');
            if (s % 30 == 0) continue;   // a site with no referrals or closures at all: listed, not dropped
            int k = 3 + s % 14;
            for (int i = 0; i < k; i++) {
                ref++;
                LocalDate d = LocalDate.of(2025, 10, 1).plusDays((long) (i * 397L / k) + s % 7);
                boolean accepted = (i + s) % 4 != 0;
                LocalDate start = d.plusDays(10);
                String r = "G-REF-" + ref;
                refs.append(r).append(',').append(id).append(",G-P-").append(ref).append(",Test Person,2010-01-01,M,White - British,").append(d)
                        .append(",SOCIAL CARE,").append(i % 3 == 0 ? "N" : "Y").append(',').append(accepted ? "ACCEPTED" : "DECLINED").append(',')
                        .append(d.plusDays(5)).append(',').append(accepted ? "" : "NOT ELIGIBLE").append(',').append(accepted ? start.toString() : "").append('\n');
                LocalDate close = start.plusDays(90 + (i * 13 + s) % 80);
                if (accepted && !close.isAfter(end)) {
                    clos.append(r).append(',').append(id).append(",G-P-").append(ref).append(",G-T01,").append(start).append(',').append(close)
                            .append(",COMPLETED,").append((i + s) % 9 == 0 ? "N" : "Y").append(',').append((i + s) % 5 == 0 ? "N" : "Y").append(",Y,PREVENTED CARE\n");
                }
            }
        }
        Files.writeString(jobsOut.resolve("codes").resolve("sites.yml"), codes);
        Files.writeString(inputOut.resolve("sites.synthetic.csv"), sites);
        Files.writeString(inputOut.resolve("generated-referrals.synthetic.csv"), refs);
        Files.writeString(inputOut.resolve("generated-closures.synthetic.csv"), clos);
        return new Output(jobsOut, inputOut, n);
    }

    /** Copies a folder tree. */
    public static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }
}
