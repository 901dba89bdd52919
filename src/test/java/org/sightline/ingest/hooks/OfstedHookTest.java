package org.sightline.ingest.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sightline.contract.ColumnSpec;
import org.sightline.contract.Contract;
import org.sightline.contract.ContractLoader;
import org.sightline.contract.ValueParser;
import org.sightline.ingest.read.SourceRow;

/** Grade spellings through the real contract's code lists, then the hook's grade, label and framework rules. */
class OfstedHookTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 21);
    static final Contract CONTRACT = new ContractLoader(Path.of("jobs"), TODAY).loadAll().get("ofsted_judgement");
    final ValueParser parser = new ValueParser(TODAY);

    String code(String column, String text) throws ValueParser.Failure {
        ColumnSpec c = CONTRACT.column(column);
        return (String) parser.parse(c, text);
    }

    @Test
    void gradeThreeSpelledManyWaysIsOneGrade() throws Exception {
        for (String spelling : List.of("Requires improvement to be good", "requires improvement", "RI", "ri",
                "REQUIRES IMPROVEMENT TO BE GOOD", "Requires Improvement", "3", "3.0", "Requires improvement (to be good)")) {
            for (OfstedHook.Area a : OfstedHook.Area.values()) {
                String c = code(a.column, spelling);
                assertThat(c).as(spelling).isEqualTo("REQUIRES_IMPROVEMENT");
                assertThat(OfstedHook.gradeNumber(c)).isEqualTo(3);
            }
        }
        assertThat(OfstedHook.gradeNumber(code("overall_effectiveness", "Adequate"))).isEqualTo(3);
        assertThat(OfstedHook.gradeNumber(code("overall_effectiveness", "GOOD "))).isEqualTo(2);
        assertThat(OfstedHook.gradeNumber(code("overall_effectiveness", "outstanding"))).isEqualTo(1);
        assertThat(OfstedHook.gradeNumber(code("overall_effectiveness", "4"))).isEqualTo(4);
    }

    @Test
    void markersAreNotGradesAndNonsenseIsAnError() throws Exception {
        for (String marker : List.of("Not applicable", "not applicable - inspection pre-dates this judgement", "N/A (pre-2023)")) {
            String c = code("care_leavers", marker);
            assertThat(c).isEqualTo("NOT_APPLICABLE");
            assertThat(OfstedHook.gradeNumber(c)).isNull();
        }
        assertThat(OfstedHook.gradeNumber(code("care_leavers", "Not judged"))).isNull();
        assertThat(ValueParser.isBlank("N/A")).isTrue();   // hence the hook reads the cell itself for 'N/A'
        assertThatThrownBy(() -> code("help_and_protection", "Excellent")).isInstanceOf(ValueParser.Failure.class)
                .hasMessageContaining("'Excellent'");
        assertThatThrownBy(() -> code("help_and_protection", "30")).isInstanceOf(ValueParser.Failure.class);
    }

    @Test
    void labelsFollowTheFramework() throws Exception {
        assertThat(OfstedHook.label("REQUIRES_IMPROVEMENT", "ILACS_SHORT", false)).isEqualTo("Requires improvement to be good");
        assertThat(OfstedHook.label("REQUIRES_IMPROVEMENT", "SIF", true)).isEqualTo("Requires improvement");
        assertThat(OfstedHook.label("REQUIRES_IMPROVEMENT", "SLAC", true)).isEqualTo("Adequate");
        assertThat(OfstedHook.label("ADEQUATE", "SLAC", false)).isEqualTo("Adequate");
        assertThat(OfstedHook.label("GOOD", "SIF", false)).isEqualTo("Good");
        assertThat(code("framework", "short")).isEqualTo("ILACS_SHORT");
        assertThat(code("framework", "Standard")).isEqualTo("ILACS_STANDARD");
        assertThat(code("framework", "Single inspection framework")).isEqualTo("SIF");
    }

    @Test
    void frameworkInferredFromTheInspectionStart() {
        assertThat(OfstedHook.inferFramework(LocalDate.of(2012, 5, 1))).isEqualTo("SLAC");
        assertThat(OfstedHook.inferFramework(LocalDate.of(2013, 11, 4))).isEqualTo("SIF");
        assertThat(OfstedHook.inferFramework(LocalDate.of(2017, 12, 31))).isEqualTo("SIF");
        assertThat(OfstedHook.inferFramework(LocalDate.of(2018, 1, 8))).isEqualTo("ILACS");
    }

    @Test
    void dateOfDataNoteAboveTheHeader() {
        List<SourceRow> rows = List.of(new SourceRow(1, new String[]{"SYNTHETIC SAMPLE DATA"}),
                new SourceRow(2, new String[]{"Local authority inspections and outcomes"}),
                new SourceRow(3, new String[]{null, "Data as at 31 March 2026"}));
        assertThat(OfstedHook.dataAsAt(rows, parser)).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(OfstedHook.dataAsAt(List.of(new SourceRow(1, new String[]{"Last updated 30/06/2025"})), parser))
                .isEqualTo(LocalDate.of(2025, 6, 30));
        assertThat(OfstedHook.dataAsAt(List.of(new SourceRow(1, new String[]{"Ofsted outcomes"})), parser)).isNull();
    }
}
