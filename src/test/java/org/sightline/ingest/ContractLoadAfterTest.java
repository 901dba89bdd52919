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

/** The contract key load_after: read, checked (known datasets, no cycles), and the depth it gives. */
class ContractLoadAfterTest {

    @TempDir
    Path jobs;

    void contract(String dataset, String loadAfter) throws Exception {
        Files.createDirectories(jobs.resolve("contracts"));
        Files.writeString(jobs.resolve("contracts").resolve(dataset + ".yml"), "dataset: " + dataset + "\n"
                + (loadAfter == null ? "" : "load_after: [" + loadAfter + "]\n")
                + "columns:\n  - name: id\n    type: string\n    required: true\n");
    }

    Map<String, Contract> load() {
        return new ContractLoader(jobs, LocalDate.of(2026, 11, 21)).loadAll();
    }

    @Test
    void theProjectsOfstedContractLoadsAfterTheLaReference() {
        Map<String, Contract> all = new ContractLoader(Path.of("jobs"), LocalDate.of(2026, 11, 21)).loadAll();
        assertThat(all.get("ofsted_judgement").loadAfter()).containsExactly("la_reference");
        assertThat(ContractLoader.loadOrder(all.get("ofsted_judgement"), all, new ArrayList<>())).isEqualTo(1);
        assertThat(ContractLoader.loadOrder(all.get("la_reference"), all, new ArrayList<>())).isZero();
    }

    @Test
    void depthCountsTheChain() throws Exception {
        contract("a", null);
        contract("b", "a");
        contract("c", "b, a");
        Map<String, Contract> all = load();
        assertThat(ContractLoader.loadOrder(all.get("a"), all, new ArrayList<>())).isZero();
        assertThat(ContractLoader.loadOrder(all.get("b"), all, new ArrayList<>())).isEqualTo(1);
        assertThat(ContractLoader.loadOrder(all.get("c"), all, new ArrayList<>())).isEqualTo(2);
    }

    @Test
    void anUnknownDatasetOrACycleIsAContractError() throws Exception {
        contract("a", "nowhere");
        assertThatThrownBy(this::load).hasMessageContaining("a.yml").hasMessageContaining("unknown dataset 'nowhere'");
        contract("a", "b");
        contract("b", "a");
        assertThatThrownBy(this::load).hasMessageContaining("cycle").hasMessageContaining("a -> b -> a");
    }
}
