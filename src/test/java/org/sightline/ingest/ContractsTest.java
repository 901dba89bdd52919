package org.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.ingest.read.SourceRow;
import org.sightline.contract.Contract;
import org.sightline.contract.ContractLoader;
import org.sightline.lake.DataDictionary;

class ContractsTest {

    @TempDir
    Path tmp;

    private final Map<String, Contract> contracts = new ContractLoader(Path.of("jobs"), LocalDate.now()).loadAll();

    @Test
    void theCommittedDataDictionaryIsTheOneTheContractsGenerate() throws Exception {
        assertThat(Files.readString(Path.of("docs", "data-dictionary.md")))
                .as("run ./sightline dictionary and commit docs/data-dictionary.md")
                .isEqualTo(DataDictionary.markdown(contracts));
    }

    @Test
    void headerIsFoundBelowTitleRowsByNormalisedAliasesAndUnderMergedGroupHeadings() {
        Contract closure = contracts.get("case_closure");
        HeaderMatcher m = new HeaderMatcher(closure);
        List<SourceRow> rows = List.of(
                new SourceRow(1, new String[] {"SYNTHETIC SAMPLE DATA"}),
                new SourceRow(2, new String[] {}),
                new SourceRow(3, new String[] {null, null, "Start", "End", null, "Outcomes at discharge", null}),
                new SourceRow(4, new String[] {"SITE", "Case I.D.", "Date", "Date", "Therapist", "Living at home", "EET", "Shoe size"}));
        HeaderMap h = m.match(rows);
        assertThat(h.headerRow()).isEqualTo(4);
        assertThat(h.missing()).isEmpty();
        assertThat(h.columns()[closure.columns().indexOf(closure.column("case_key"))]).isEqualTo(1);
        assertThat(h.columns()[closure.columns().indexOf(closure.column("start_date"))]).isEqualTo(2); // "Start" merged over "Date"
        assertThat(h.columns()[closure.columns().indexOf(closure.column("end_date"))]).isEqualTo(3);
        assertThat(h.columns()[closure.columns().indexOf(closure.column("in_education_or_work"))]).isEqualTo(6);
        assertThat(h.unknown()).containsExactly("Shoe size");
    }

    @Test
    void aBrokenContractIsRefusedNamingItsFile() throws Exception {
        Path jobs = tmp.resolve("jobs");
        Files.createDirectories(jobs.resolve("contracts"));
        Files.writeString(jobs.resolve("contracts").resolve("x.yml"), """
                dataset: x
                load: {mode: append}
                natural_key: [missing_column]
                columns:
                  - {name: a, type: string}
                """);
        assertThatThrownBy(() -> new ContractLoader(jobs, LocalDate.now()).loadAll())
                .hasMessageContaining("x.yml").hasMessageContaining("missing_column");
        Files.writeString(jobs.resolve("contracts").resolve("x.yml"), """
                dataset: x
                columns:
                  - {name: a, type: code, codes: {A: [alpha], B: [alpha]}}
                """);
        assertThatThrownBy(() -> new ContractLoader(jobs, LocalDate.now()).loadAll()).hasMessageContaining("alias 'alpha' maps to both");
    }
}
