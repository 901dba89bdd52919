package org.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * A restart rebuilds its unit from the job's parameters ({@link IngestJobConfiguration#unit}), the
 * inverse of {@link IngestJobConfiguration#parameters}: the same file, sheet, contract, run and header.
 */
class JobParametersUnitTest {

    @TempDir
    Path dir;

    @Test
    void aUnitRebuiltFromItsJobParametersIsTheUnitThatStartedTheJob() throws Exception {
        // two title rows above the header, and a header spelt as a site might: the match is found again
        Path csv = Files.writeString(dir.resolve("north referrals.csv"),
                "North referrals\n\nReferral ID,Date of referral,Site\nR-1,01/02/2025,NORTHERN_SHIRE\n", StandardCharsets.UTF_8);
        Contract referral = new ContractLoader(Path.of("jobs"), LocalDate.of(2026, 12, 1)).loadAll().get("referral");
        Fingerprint fp = Fingerprint.of(csv);
        HeaderMap header;
        try (SourceFile src = SourceFiles.open(csv, fp, 1000)) {
            header = new HeaderMatcher(referral).match(DatasetDetector.leadingRows(src, null));
        }
        Instant started = Instant.parse("2026-12-05T13:00:00.123456Z");
        IngestUnit unit = new IngestUnit(csv, fp, null, referral, header, "c0ffee", "20261205T130000-ab12-001", started);

        JobParameters p = IngestJobConfiguration.parameters(unit, dir.resolve("home"));
        IngestUnit again = IngestJobConfiguration.unit(p, referral, Fingerprint.of(csv), 1000);

        assertThat(again.file()).isEqualTo(csv.toAbsolutePath());
        assertThat(again.sheet()).isNull();
        assertThat(again.fingerprint().sha256()).isEqualTo(fp.sha256());
        assertThat(again.contract()).isSameAs(referral);
        assertThat(again.contractSha()).isEqualTo("c0ffee");
        assertThat(again.runId()).isEqualTo("20261205T130000-ab12-001");
        assertThat(again.startedAt()).isEqualTo(started);
        assertThat(again.stagingName()).isEqualTo(unit.stagingName());
        assertThat(again.header().headerRow()).isEqualTo(3).isEqualTo(header.headerRow());
        assertThat(again.header().rowsBefore()).isEqualTo(header.rowsBefore());
        assertThat(again.header().mappingLines(referral, false)).isEqualTo(header.mappingLines(referral, false)).isNotEmpty();
        assertThat(p.getString(IngestJobConfiguration.HOME)).isEqualTo(dir.resolve("home").toAbsolutePath().normalize().toString());
        assertThat(List.of(p.getString(IngestJobConfiguration.DATASET), p.getString(IngestJobConfiguration.SHEET)))
                .containsExactly("referral", "");
    }
}
