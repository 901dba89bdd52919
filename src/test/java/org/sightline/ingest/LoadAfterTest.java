package org.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.contract.Contract;
import org.sightline.contract.ContractLoader;

/** The contract key {@code load_after}: ranks for ordering one run's units, unknown names and cycles refused. */
class LoadAfterTest {

    @TempDir
    Path jobs;

    void contract(String name, String loadAfter) throws Exception {
        Files.createDirectories(jobs.resolve("contracts"));
        Files.writeString(jobs.resolve("contracts").resolve(name + ".yml"), "dataset: " + name + "\n"
                + (loadAfter == null ? "" : "load_after: [" + loadAfter + "]\n")
                + "columns:\n  - name: a\n    type: string\n");
    }

    Map<String, Contract> load() {
        return new ContractLoader(jobs, LocalDate.of(2026, 1, 1)).loadAll();
    }

    @Test
    void ranksFollowTheChain() throws Exception {
        contract("a", null);
        contract("b", "a");
        contract("c", "b, a");
        Map<String, Contract> all = load();
        assertThat(all.get("c").loadAfter()).containsExactly("b", "a");
        assertThat(ContractLoader.loadRank(all.get("a"), all, new ArrayList<>())).isZero();
        assertThat(ContractLoader.loadRank(all.get("b"), all, new ArrayList<>())).isEqualTo(1);
        assertThat(ContractLoader.loadRank(all.get("c"), all, new ArrayList<>())).isEqualTo(2);
    }

    @Test
    void anUnknownDatasetIsAContractError() throws Exception {
        contract("a", "nothing_here");
        assertThatThrownBy(this::load).hasMessageContaining("a.yml").hasMessageContaining("load_after names an unknown dataset 'nothing_here'");
    }

    @Test
    void aCycleIsAContractError() throws Exception {
        contract("a", "c");
        contract("b", "a");
        contract("c", "b");
        assertThatThrownBy(this::load).hasMessageContaining("load_after forms a cycle: a -> c -> b -> a");
    }

    @Test
    void theShippedFidelityContractLoadsAfterTheCaseDatasets() {
        Map<String, Contract> all = new ContractLoader(Path.of("jobs"), LocalDate.now()).loadAll();
        assertThat(all.get("fidelity_tam").loadAfter()).containsExactlyInAnyOrder("referral", "case_closure");
        assertThat(ContractLoader.loadRank(all.get("fidelity_tam"), all, new ArrayList<>()))
                .isGreaterThan(ContractLoader.loadRank(all.get("referral"), all, new ArrayList<>()));
    }
}
