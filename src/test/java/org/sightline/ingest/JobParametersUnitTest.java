package org.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.contract.Contract;
import org.sightline.contract.ContractLoader;
import org.sightline.ingest.read.Fingerprint;
import org.sightline.ingest.read.SourceFile;
import org.sightline.ingest.read.SourceFiles;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * The ingest job resolves its unit and settings from its parameters ({@link IngestJobConfiguration#resolve},
 * {@link IngestJobConfiguration#settings}), the inverse of {@link IngestJobConfiguration#parameters}: the
 * same file, sheet, contract, run, header and settings; a contract changed since is refused, by name.
 */
class JobParametersUnitTest {

    @TempDir
    Path dir;

    @Test
    void aUnitRebuiltFromItsJobParametersIsTheUnitThatStartedTheJob() throws Exception {
        // two title rows above the header, and a header spelt as a site might: the match is found again
        Path csv = Files.writeString(dir.resolve("north referrals.csv"),
                "North referrals\n\nReferral ID,Date of referral,Site\nR-1,01/02/2025,NORTHERN_SHIRE\n", StandardCharsets.UTF_8);
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        copyTree(Path.of("jobs"), jobs);
        Contract referral = new ContractLoader(jobs, LocalDate.of(2026, 12, 1)).loadAll().get("referral");
        Fingerprint fp = Fingerprint.of(csv);
        HeaderMap header;
        try (SourceFile src = SourceFiles.open(csv, fp, 1000)) {
            header = new HeaderMatcher(referral).match(DatasetDetector.leadingRows(src, null));
        }
        Instant started = Instant.parse("2026-12-05T13:00:00.123456Z");
        String contractSha = IngestService.contractSha(referral);
        IngestUnit unit = new IngestUnit(csv, fp, null, referral, header, contractSha, "20261205T130000-ab12-001", started);
        IngestSettings settings = new IngestSettings(dir.resolve("home"), jobs, LocalDate.of(2026, 12, 1), 7, 123_456, 9_999, 1000, true);

        JobParameters p = IngestJobConfiguration.parameters(unit, settings);
        IngestUnit again = IngestJobConfiguration.resolve(p);
        IngestSettings settingsAgain = IngestJobConfiguration.settings(p);

        assertThat(again.file()).isEqualTo(csv.toAbsolutePath());
        assertThat(again.sheet()).isNull();
        assertThat(again.fingerprint().sha256()).isEqualTo(fp.sha256());
        assertThat(again.fingerprint().size()).isEqualTo(fp.size()).isEqualTo(Files.size(csv));
        assertThat(again.fingerprint().validUtf8()).isTrue();
        assertThat(again.fingerprint().head()).isEqualTo(fp.head()).hasSize(8);
        assertThat(again.contract().dataset()).isEqualTo("referral");
        assertThat(again.contract().file()).isEqualTo(referral.file());
        assertThat(again.contractSha()).isEqualTo(contractSha);
        assertThat(again.runId()).isEqualTo("20261205T130000-ab12-001");
        assertThat(again.startedAt()).isEqualTo(started);
        assertThat(again.stagingName()).isEqualTo(unit.stagingName());
        assertThat(again.header().headerRow()).isEqualTo(3).isEqualTo(header.headerRow());
        assertThat(again.header().rowsBefore()).isEqualTo(header.rowsBefore());
        assertThat(again.header().mappingLines(referral, false)).isEqualTo(header.mappingLines(referral, false)).isNotEmpty();
        assertThat(p.getString(IngestJobConfiguration.HOME)).isEqualTo(dir.resolve("home").toAbsolutePath().normalize().toString());
        assertThat(List.of(p.getString(IngestJobConfiguration.DATASET), p.getString(IngestJobConfiguration.SHEET)))
                .containsExactly("referral", "");
        // the run's settings travel as parameters that do not make the job instance
        assertThat(settingsAgain).isEqualTo(new IngestSettings(dir.resolve("home").toAbsolutePath().normalize(),
                jobs.toAbsolutePath().normalize(), LocalDate.of(2026, 12, 1), 7, 123_456, 9_999, 1000, true));
        assertThat(p.getIdentifyingParameters()).extracting(JobParameter::name).containsExactlyInAnyOrder(
                IngestJobConfiguration.HOME, IngestJobConfiguration.DATASET, IngestJobConfiguration.SOURCE_SHA,
                IngestJobConfiguration.SHEET, IngestJobConfiguration.CONTRACT_SHA);

        // a contract edited since the job started is refused, naming it
        Files.writeString(referral.file(), Files.readString(referral.file()) + "\n# edited\n");
        assertThatThrownBy(() -> IngestJobConfiguration.resolve(p))
                .hasMessageContaining(referral.file().toString()).hasMessageContaining("has changed since this ingest started");
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (java.util.stream.Stream<Path> s = Files.walk(from)) {
            for (Path f : s.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(t);
                else Files.copy(f, t);
            }
        }
    }
}
