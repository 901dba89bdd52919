package org.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class RowProcessorTest {

    /** The old check, kept as the reference: a cell equals its header label once stripped. */
    private static boolean reference(String label, String cell) {
        return label.equals(cell == null ? null : cell.strip());
    }

    @Test
    void isLabelAgreesWithStrippedEquality() {
        List<String> labels = List.of("Referral ID", "DOB", "x", "Date of referral");
        List<String> cells = Arrays.asList(null, "", " ", "Referral ID", " Referral ID", "Referral ID ", "\tReferral ID\u2003",
                "Referral Id", "Referral IDs", "DOB", "DOB ", " D O B", "x", " x ", "xx", "X", "Date of referral",
                "Date of  referral", "BR-1", "14/6/2011");
        int matches = 0;
        for (String label : labels) {
            for (String cell : cells) {
                assertThat(RowProcessor.isLabel(label, cell)).as("label '%s', cell '%s'", label, cell).isEqualTo(reference(label, cell));
                if (reference(label, cell)) matches++;
            }
        }
        // the cases include matches with and without surrounding white space
        assertThat(matches).isEqualTo(9);
    }
}
