package org.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.sightline.contract.Contract;
import org.sightline.contract.ContractLoader;

/** The Ofsted contract loads after the LA reference it is matched against (load_after itself: LoadAfterTest). */
class ContractLoadAfterTest {

    @Test
    void theOfstedContractLoadsAfterTheLaReference() {
        Map<String, Contract> all = new ContractLoader(Path.of("jobs"), LocalDate.of(2026, 11, 21)).loadAll();
        assertThat(all.get("ofsted_judgement").loadAfter()).containsExactly("la_reference");
        assertThat(ContractLoader.loadRank(all.get("ofsted_judgement"), all, new ArrayList<>()))
                .isGreaterThan(ContractLoader.loadRank(all.get("la_reference"), all, new ArrayList<>()));
    }
}
