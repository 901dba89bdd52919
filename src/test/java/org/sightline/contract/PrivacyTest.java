package org.sightline.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one normalisation of an LA child ID, applied before it is pseudonymised in referral logs and SSDA903 returns alike. */
class PrivacyTest {

    @Test
    void aChildIdIsUpperCaseWithoutWhiteSpace() {
        assertThat(Privacy.childId(" ab 0123\t")).isEqualTo("AB0123");
        assertThat(Privacy.childId("ns-p-01234")).isEqualTo("NS-P-01234");   // marks are part of the ID
        assertThat(Privacy.childId("\u00a0C123456 ")).isEqualTo("C123456");
    }

    @Test
    void anAllDigitIdLosesItsLeadingZerosAsASpreadsheetNumberDoes() {
        assertThat(Privacy.childId("0001234567")).isEqualTo("1234567");
        assertThat(Privacy.childId("1234567")).isEqualTo("1234567");
        assertThat(Privacy.childId("000")).isEqualTo("0");
        assertThat(Privacy.childId("0A12")).isEqualTo("0A12");   // not all digits: kept as written
    }

    @Test
    void theContractsNameTheTreatment() {
        assertThat(Privacy.of("pseudonymise-child-id")).isEqualTo(Privacy.PSEUDONYMISE_CHILD_ID);
        assertThat(Privacy.PSEUDONYMISE_CHILD_ID.isPersonal()).isTrue();
    }
}
