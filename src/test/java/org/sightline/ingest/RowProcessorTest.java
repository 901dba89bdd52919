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
    @Test
    void ageInYearsIsThePeriodsYearsAndNegativeForABirthAfterTheEvent() {
        java.util.Random random = new java.util.Random(7);
        java.time.LocalDate base = java.time.LocalDate.of(1990, 1, 1);
        for (int i = 0; i < 200_000; i++) {
            java.time.LocalDate birth = base.plusDays(random.nextInt(13_000));
            java.time.LocalDate event = birth.plusDays(random.nextInt(10_000));
            assertThat(RowProcessor.ageInYears(birth, event)).as("%s to %s", birth, event)
                    .isEqualTo(java.time.Period.between(birth, event).getYears());
        }
        java.time.LocalDate leap = java.time.LocalDate.of(2008, 2, 29);
        assertThat(RowProcessor.ageInYears(leap, java.time.LocalDate.of(2009, 2, 28))).isZero();
        assertThat(RowProcessor.ageInYears(leap, java.time.LocalDate.of(2009, 3, 1))).isEqualTo(1);
        assertThat(RowProcessor.ageInYears(leap, java.time.LocalDate.of(2012, 2, 29))).isEqualTo(4);
        // a birth after the event is an error even within the same year (Period.between gives 0 years)
        assertThat(RowProcessor.ageInYears(java.time.LocalDate.of(2020, 5, 10), java.time.LocalDate.of(2020, 5, 1))).isEqualTo(-1);
        assertThat(RowProcessor.ageInYears(java.time.LocalDate.of(2021, 5, 10), java.time.LocalDate.of(2020, 5, 1))).isEqualTo(-1);
    }
}
