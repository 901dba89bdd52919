package org.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ValueParserTest {

    private final ValueParser p = new ValueParser(LocalDate.of(2026, 11, 21));

    private static ColumnSpec col(ColumnType type) {
        return new ColumnSpec("c", type, false, List.of(), Map.of(), Map.of(), Privacy.NONE, null, null, null, null, null, null, "");
    }

    private static ColumnSpec codes() {
        Map<String, List<String>> codes = new LinkedHashMap<>();
        codes.put("CSC", List.of("children's social care", "social care"));
        codes.put("YOS", List.of("youth offending service", "yot"));
        Map<String, String> lookup = new LinkedHashMap<>();
        codes.forEach((k, v) -> {
            lookup.put(Names.key(k), k);
            v.forEach(a -> lookup.put(Names.key(a), k));
        });
        return new ColumnSpec("source", ColumnType.CODE, false, List.of(), codes, lookup, Privacy.NONE, null, null, null, null, null, null, "");
    }

    @Test
    void datesInTheLayoutsPeopleUse() throws Exception {
        ColumnSpec d = col(ColumnType.DATE);
        assertThat(p.parse(d, "12/03/2024")).isEqualTo(LocalDate.of(2024, 3, 12));
        assertThat(p.parse(d, "2/3/24")).isEqualTo(LocalDate.of(2024, 3, 2));
        assertThat(p.parse(d, "2024-03-12")).isEqualTo(LocalDate.of(2024, 3, 12));
        assertThat(p.parse(d, "2024-03-12T00:00")).isEqualTo(LocalDate.of(2024, 3, 12));
        assertThat(p.parse(d, "12 Mar 2024")).isEqualTo(LocalDate.of(2024, 3, 12));
        assertThat(p.parse(d, "12 March 2024")).isEqualTo(LocalDate.of(2024, 3, 12));
        assertThat(p.parse(d, "12-Mar-24")).isEqualTo(LocalDate.of(2024, 3, 12));
        assertThat(p.parse(d, "12.03.2024")).isEqualTo(LocalDate.of(2024, 3, 12));
        assertThat(p.parse(d, "45363")).isEqualTo(LocalDate.of(2024, 3, 12)); // Excel serial
        assertThat(p.parse(d, "05/09/22")).isEqualTo(LocalDate.of(2022, 9, 5));
        assertThat(p.parse(d, "05/09/95")).isEqualTo(LocalDate.of(1995, 9, 5));
    }

    @Test
    void impossibleAndMonthFirstDatesAreErrorsNotGuesses() {
        ColumnSpec d = col(ColumnType.DATE);
        assertThatThrownBy(() -> p.parse(d, "31/02/2025")).isInstanceOf(ValueParser.Failure.class)
                .hasMessageContaining("not a real date").extracting(e -> ((ValueParser.Failure) e).rule()).isEqualTo("date_impossible");
        assertThatThrownBy(() -> p.parse(d, "03/25/2025")).hasMessageContaining("month-first")
                .extracting(e -> ((ValueParser.Failure) e).rule()).isEqualTo("date_ambiguous");
        assertThatThrownBy(() -> p.parse(d, "next tuesday")).hasMessageContaining("not a date");
        assertThatThrownBy(() -> p.parse(d, "2024-03-12T10:30")).hasMessageContaining("time of day");
    }

    @Test
    void booleansBlanksAndNumbers() throws Exception {
        for (String yes : List.of("Y", "yes", "1", "TRUE", "True")) assertThat(p.parse(col(ColumnType.BOOLEAN), yes)).isEqualTo(true);
        for (String no : List.of("N", "No", "0", "false")) assertThat(p.parse(col(ColumnType.BOOLEAN), no)).isEqualTo(false);
        assertThatThrownBy(() -> p.parse(col(ColumnType.BOOLEAN), "maybe")).hasMessageContaining("yes/no");
        for (String blank : List.of("", " ", "nan", "None", "N/A", "-", "NULL")) assertThat(ValueParser.isBlank(blank)).as(blank).isTrue();
        assertThat(ValueParser.isBlank("0")).isFalse();
        assertThat(p.parse(col(ColumnType.INTEGER), "1,234")).isEqualTo(1234L);
        assertThat(p.parse(col(ColumnType.INTEGER), "12.0")).isEqualTo(12L);
        assertThatThrownBy(() -> p.parse(col(ColumnType.INTEGER), "12.5")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> p.parse(col(ColumnType.INTEGER), "1,23")).hasMessageContaining("thousands");
        assertThat(p.parse(col(ColumnType.DECIMAL), "61%")).isEqualTo(0.61);
        assertThat(p.parse(col(ColumnType.DECIMAL), "1,234.5")).isEqualTo(1234.5);
        assertThatThrownBy(() -> p.parse(col(ColumnType.DECIMAL), "#DIV/0!")).hasMessageContaining("spreadsheet error");
    }

    @Test
    void codesMatchExactlyAfterCaseFoldingNeverBySubstring() throws Exception {
        ColumnSpec c = codes();
        assertThat(p.parse(c, "Children's Social Care")).isEqualTo("CSC");
        assertThat(p.parse(c, "CHILDRENS SOCIAL CARE")).isEqualTo("CSC");
        assertThat(p.parse(c, "yot")).isEqualTo("YOS");
        assertThat(p.parse(c, "csc")).isEqualTo("CSC");
        assertThatThrownBy(() -> p.parse(c, "social care team")).hasMessageContaining("not an allowed value")
                .hasMessageContaining("CSC, YOS");
        assertThatThrownBy(() -> p.parse(c, "care")).hasMessageContaining("not an allowed value");
    }

    @Test
    void aCodeWrittenAsASpreadsheetFloatMatchesItsWholeNumber() throws Exception {
        Map<String, List<String>> codes = new LinkedHashMap<>();
        codes.put("GOOD", List.of("2", "good"));
        Map<String, String> lookup = new LinkedHashMap<>();
        codes.forEach((k, v) -> {
            lookup.put(Names.key(k), k);
            v.forEach(a -> lookup.put(Names.key(a), k));
        });
        ColumnSpec c = new ColumnSpec("grade", ColumnType.CODE, false, List.of(), codes, lookup, Privacy.NONE, null, null, null, null, null, null, "");
        assertThat(p.parse(c, "2")).isEqualTo("GOOD");
        assertThat(p.parse(c, "2.0")).isEqualTo("GOOD");     // pandas writes whole numbers as floats
        assertThat(p.parse(c, " 2.00 ")).isEqualTo("GOOD");
        assertThatThrownBy(() -> p.parse(c, "2.5")).hasMessageContaining("not an allowed value");
        assertThatThrownBy(() -> p.parse(c, "20")).hasMessageContaining("not an allowed value");
    }

    @Test
    void postcodesBecomeSectors() {
        assertThat(PostcodeSector.of("bs5 7qt")).isEqualTo("BS5 7");
        assertThat(PostcodeSector.of("SW1A1AA")).isEqualTo("SW1A 1");
        assertThat(PostcodeSector.of("M1")).isEqualTo("M1");
        assertThat(PostcodeSector.of("not a postcode")).isNull();
    }
}
