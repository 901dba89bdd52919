package org.sightline.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.ingest.Pseudonymiser;

/**
 * Score scales and load order, through the real CLI, Spring Batch job, Parquet and DuckDB: the same
 * interviews given as fractions, as percentages and as percentages with a % sign load to identical
 * rows; a file mixing the scales is refused whole; a TAM-R export named before its referral log in
 * one run is still checked against the case dates, because the contract says {@code load_after}.
 */
class FidelityScaleTest {

    static final Path NS_TAM = Path.of("sample-data", "fidelity", "northern-shire-tam-r.synthetic.csv");
    static final String LINEAGE = "source_file, source_sha256, source_sheet, source_row, ingest_run_id, ingested_at";

    @TempDir
    Path tmp;

    /** The sample export with every score rewritten (column 6, 1-based). */
    static List<String> rewrite(UnaryOperator<String> score, int everyNth) throws Exception {
        List<String> lines = Files.readAllLines(NS_TAM);
        List<String> out = new ArrayList<>(lines.subList(0, 2));
        for (int i = 2; i < lines.size(); i++) {
            String[] c = lines.get(i).split(",", -1);
            if ((i - 2) % everyNth == 0) c[5] = score.apply(c[5]);
            out.add(String.join(",", c));
        }
        return out;
    }

    static String percent(String fraction) {
        return new BigDecimal(fraction).movePointRight(2).stripTrailingZeros().toPlainString();
    }

    Path home(String name, Path keyFrom) throws Exception {
        Path h = tmp.resolve(name);
        if (keyFrom != null) {
            Files.createDirectories(Pseudonymiser.keyFile(h).getParent());
            Files.copy(Pseudonymiser.keyFile(keyFrom), Pseudonymiser.keyFile(h));
        }
        return h;
    }

    @Test
    void fractionsPercentagesAndPercentSignsLoadToIdenticalRows() throws Exception {
        Path fractions = home("fractions", null);
        Cli.Result a = Cli.run("ingest", "--home", fractions.toString(), NS_TAM.toString());
        assertThat(a.exit()).as(a.out()).isZero();

        Path pctFile = tmp.resolve("northern-shire-tam-r-percent.csv");
        Files.write(pctFile, rewrite(FidelityScaleTest::percent, 1));
        assertThat(Files.readAllLines(pctFile).get(2)).matches(".*,\\d{1,3}(\\.\\d{1,2})?,\\d+$");
        Path percentages = home("percentages", fractions);
        Cli.Result b = Cli.run("ingest", "--home", percentages.toString(), pctFile.toString());
        assertThat(b.exit()).as(b.out()).isZero();

        Path signFile = tmp.resolve("northern-shire-tam-r-percent-sign.csv");
        Files.write(signFile, rewrite(v -> percent(v) + "%", 1));
        Path signs = home("signs", fractions);
        Cli.Result c = Cli.run("ingest", "--home", signs.toString(), signFile.toString());
        assertThat(c.exit()).as(c.out()).isZero();

        String sql = "select * exclude (" + LINEAGE + ") from fidelity_tam order by all";
        List<List<Object>> f = Lakes.rows(fractions, sql);
        assertThat(f).hasSizeGreaterThan(100);
        assertThat(Lakes.rows(percentages, sql)).isEqualTo(f);
        assertThat(Lakes.rows(signs, sql)).isEqualTo(f);

        // and the stored value is the fraction as written in the fraction file
        String first = Files.readAllLines(NS_TAM).get(2).split(",")[5];
        for (Path h : List.of(fractions, percentages, signs)) {
            assertThat(Lakes.rows(h, "select adherence_score from fidelity_tam where source_row = 3").get(0).get(0))
                    .isEqualTo(Double.parseDouble(first));
        }
        // the run summaries say which scale each file used
        assertThat(runs(fractions)).contains("adherence scores given as 0-1 fractions (e.g. row 3: " + first + ")");
        assertThat(runs(percentages)).contains("adherence scores given as 0-100 percentages (e.g. row 3: " + percent(first) + "); stored as 0-1 fractions");
        assertThat(runs(signs)).contains("0-100 percentages (e.g. row 3: " + percent(first) + "%)");
    }

    static String runs(Path home) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (var s = Files.list(home.resolve("runs"))) {
            for (Path p : s.toList()) sb.append(Files.readString(p));
        }
        return sb.toString();
    }

    @Test
    void aFileMixingFractionsAndPercentagesIsRefusedWhole() throws Exception {
        Path mixed = tmp.resolve("northern-shire-tam-r-mixed.csv");
        Files.write(mixed, rewrite(FidelityScaleTest::percent, 3));   // rows 3, 6, 9, ... as percentages
        Path home = home("mixed", null);
        Cli.Result r = Cli.run("ingest", "--home", home.toString(), mixed.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("FAILED").contains("northern-shire-tam-r-mixed.csv")
                .contains("the adherence scores mix 0-1 fractions (")
                .contains("e.g. row 4: ")
                .contains("and 0-100 percentages (")
                .contains("e.g. row 3: ")
                .contains("a file must use one scale");
        assertThat(Lakes.count(home, "select count(*) from fidelity_tam")).isZero();

        Cli.Result v = Cli.run("validate", "--home", home.toString(), mixed.toString());
        assertThat(v.out() + v.err()).contains("mix 0-1 fractions");
    }

    @Test
    void aScoreAboveOneInAPercentSignFileIsARowErrorNotAScale() throws Exception {
        List<String> lines = rewrite(v -> percent(v) + "%", 1);
        String[] c = lines.get(4).split(",", -1);
        c[5] = "112%";
        lines.set(4, String.join(",", c));
        Path file = tmp.resolve("northern-shire-tam-r-112.csv");
        Files.write(file, lines);
        Path home = home("oneTwelve", null);
        Cli.Result r = Cli.run("ingest", "--home", home.toString(), file.toString());
        assertThat(r.exit()).isZero();
        String rejects;
        try (var s = Files.walk(home.resolve("rejects"))) {
            rejects = Files.readString(s.filter(p -> p.toString().endsWith(".rejects.csv")).findFirst().orElseThrow());
        }
        assertThat(rejects).contains("northern-shire-tam-r-112.csv,,5,adherence_score,ADHERENCE_SCORE (column F),112%,range,"
                + "'112%' is outside the adherence range 0-100 (this file gives percentages)");
    }

    @Test
    void aTamExportNamedBeforeItsReferralLogIsStillCheckedAgainstTheCaseDates() throws Exception {
        Path home = home("order", null);
        // the export first on the command line: load_after still loads the referral log first
        Cli.Result r = Cli.run("ingest", "--home", home.toString(),
                "sample-data/fidelity/metro-city-tam-r.synthetic.csv", "sample-data/metro-city-referral-log.synthetic.xlsx");
        assertThat(r.exit()).as(r.out()).isZero();
        String out = r.out();
        assertThat(out.indexOf("-> referral")).isPositive().isLessThan(out.indexOf("-> fidelity_tam"));
        assertThat(out.indexOf("-> case_closure")).isLessThan(out.indexOf("-> fidelity_tam"));
        long good = -1, bad = -1;
        for (var f : Expected.load().get("datasets").get("fidelity_tam").get("files")) {
            if (f.get("file").asText().equals("metro-city-tam-r.synthetic.csv")) { good = f.get("good_rows").asLong(); bad = f.get("bad_rows").asLong(); }
        }
        assertThat(bad).isEqualTo(2);
        assertThat(out).contains("metro-city-tam-r.synthetic.csv -> fidelity_tam: " + good + " rows loaded, " + bad + " rejected");
        String rejects;
        try (var s = Files.walk(home.resolve("rejects").resolve("fidelity_tam"))) {
            rejects = Files.readString(s.filter(p -> p.toString().endsWith(".rejects.csv")).findFirst().orElseThrow());
        }
        assertThat(rejects).contains(",interview_before_case_start,");
    }
}
