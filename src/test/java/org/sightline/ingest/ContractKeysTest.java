package org.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.ingest.read.SourceRow;
import org.sightline.contract.Contract;
import org.sightline.contract.ContractLoader;
import org.sightline.contract.Names;

/** A misspelt key in a contract is an error naming file, key and line; header normalisation and tokens. */
class ContractKeysTest {

    @TempDir
    Path tmp;

    @Test
    void anUnknownKeyInAContractNamesTheFileTheKeyAndItsLine() throws Exception {
        Path jobs = tmp.resolve("jobs");
        Files.createDirectories(jobs.resolve("contracts"));
        Files.writeString(jobs.resolve("contracts").resolve("x.yml"), """
                dataset: x
                load: {mode: append}
                columns:
                  - name: a
                    type: string
                    header: [alpha]
                """);
        assertThatThrownBy(() -> new ContractLoader(jobs, LocalDate.now()).loadAll())
                .hasMessageContaining("x.yml").hasMessageContaining("line 6").hasMessageContaining("unknown key 'header' in a column");
        Files.writeString(jobs.resolve("contracts").resolve("x.yml"), """
                dataset: x
                laod: {mode: append}
                columns:
                  - {name: a, type: string}
                """);
        assertThatThrownBy(() -> new ContractLoader(jobs, LocalDate.now()).loadAll())
                .hasMessageContaining("x.yml").hasMessageContaining("line 2").hasMessageContaining("unknown key 'laod'");
    }

    @Test
    void publisherWordsAndDateFormatsAreDroppedAndWordsAreSplitAtCaseChanges() {
        assertThat(HeaderMatcher.normalised("impact_of_leaders_grade")).isEqualTo(HeaderMatcher.normalised("Impact of leaders"));
        assertThat(HeaderMatcher.normalised("Date of birth (dd/mm/yyyy)")).isEqualTo("ofbirth");
        assertThat(HeaderMatcher.normalised("Date")).isEqualTo("date");
        assertThat(Names.tokens("ChildId & Mother's DOB")).containsExactly("child", "id", "and", "mothers", "dob");
        assertThat(HeaderMatcher.significant("Local authority area code")).containsExactly("area", "authority", "local");
    }

    @Test
    void theLongestAliasWinsAndAnUnknownColumnSaysWhatItResembles() throws Exception {
        Path jobs = tmp.resolve("jobs2");
        Files.createDirectories(jobs.resolve("contracts"));
        Files.writeString(jobs.resolve("contracts").resolve("la.yml"), """
                dataset: la
                columns:
                  - {name: la_code, type: string, required: true, headers: [local authority, la]}
                  - {name: la_name, type: string, headers: [local authority name]}
                  - {name: children_in_care, type: string}
                  - {name: care_leavers, type: string}
                """);
        Contract c = new ContractLoader(jobs, LocalDate.now()).loadAll().get("la");
        HeaderMap h = new HeaderMatcher(c).match(List.of(new SourceRow(1,
                new String[] {"Local authority area code", "local_authority_ons_name", "in_care_grade"})));
        assertThat(h.columns()).containsExactly(0, 1, -1, -1);
        assertThat(h.how()).containsExactly("token match", "token match", null, null);
        assertThat(h.ignoredLines()).containsExactly("in_care_grade ignored: did you mean children_in_care?");
    }
}
