package org.sightline.contract;

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
        // separated digits in no known layout: a year of three digits, a four-digit first part, an empty part
        assertThatThrownBy(() -> p.parse(d, "12/03/202")).hasMessageContaining("not a date in a known layout")
                .extracting(e -> ((ValueParser.Failure) e).rule()).isEqualTo("date");
        assertThatThrownBy(() -> p.parse(d, "2024/03/12")).hasMessageContaining("not a date in a known layout");
        assertThatThrownBy(() -> p.parse(d, "123/03/2024")).hasMessageContaining("not a date in a known layout");
        assertThatThrownBy(() -> p.parse(d, "12//2024")).hasMessageContaining("is not a date (expected");
        assertThatThrownBy(() -> p.parse(d, "12/03/2024/1")).hasMessageContaining("is not a date (expected");
        assertThatThrownBy(() -> p.parse(d, "1a/03/2024")).hasMessageContaining("is not a date (expected");
        // a part too long for an int is a row error, not a NumberFormatException that stops the file
        assertThatThrownBy(() -> p.parse(d, "99999999999/03/2024")).isInstanceOf(ValueParser.Failure.class)
                .hasMessageContaining("not a date in a known layout");
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
    void theHandWrittenWholeFloatCheckAgreesWithTheRegex() {
        java.util.regex.Pattern wholeFloat = java.util.regex.Pattern.compile("\\d+\\.0+");
        List<String> cases = new java.util.ArrayList<>(List.of("", ".", "0", "3", "3.", "3.0", "3.00", "12.000", ".0", "3.01",
                "3.0.0", "3..0", "-3.0", "+3.0", "3.0 ", " 3.0", "3,0", "03.0", "3.0a", "a3.0", "\u0663.0", "3.\u0660"));
        java.util.Random r = new java.util.Random(7);
        String alphabet = "0123.0.00a -";
        for (int i = 0; i < 5000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = r.nextInt(7); k > 0; k--) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            cases.add(sb.toString());
        }
        for (String t : cases) {
            int expected = wholeFloat.matcher(t).matches() ? t.indexOf('.') : -1;
            assertThat(ValueParser.wholeFloatLength(t)).as("'%s'", t).isEqualTo(expected);
        }
    }

    @Test
    void theBlankFastPathAgreesWithTheSetLookup() {
        java.util.Set<String> blanks = java.util.Set.of("", "nan", "none", "n/a", "na", "null", "-", "#n/a");
        List<String> cases = new java.util.ArrayList<>(List.of("", " ", "\t", "nan", "NaN", "NONE", " n/a ", "NA", "Null", "-", "#N/A",
                "#n/a ", "--", "#", "n", "N", "0", "x", "nulls", "none1", "#ref!", "\u00a0", "\u2003-\u2003", "na\n", "Ｎull", "\u0130"));
        java.util.Random r = new java.util.Random(11);
        String alphabet = "nNaAuUlLoOeE/#-  x0\t";
        for (int i = 0; i < 5000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = r.nextInt(8); k > 0; k--) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            cases.add(sb.toString());
        }
        for (String t : cases) {
            String s = t.strip();
            boolean expected = s.length() <= 6 && blanks.contains(s.toLowerCase(java.util.Locale.ROOT));
            assertThat(ValueParser.isBlank(t)).as("'%s'", t).isEqualTo(expected);
        }
        assertThat(ValueParser.isBlank(null)).isTrue();
    }

    @Test
    void rememberedCodesGiveTheSameAnswersAndFailuresStillFail() throws Exception {
        ColumnSpec c = codes();
        for (int round = 0; round < 3; round++) {
            assertThat(p.parse(c, "Social Care")).isEqualTo("CSC");
            assertThat(p.parse(c, " yot ")).isEqualTo("YOS");
            assertThatThrownBy(() -> p.parse(c, "care")).hasMessage("'care' is not an allowed value; allowed: CSC, YOS")
                    .extracting(e -> ((ValueParser.Failure) e).rule()).isEqualTo("code");
        }
        // another contract's column of the same name, with other codes: never answered from the first's memo
        Map<String, List<String>> other = new LinkedHashMap<>();
        other.put("SC", List.of("social care"));
        Map<String, String> lookup = new LinkedHashMap<>();
        lookup.put("sc", "SC");
        lookup.put("socialcare", "SC");
        ColumnSpec c2 = new ColumnSpec("source", ColumnType.CODE, false, List.of(), other, lookup, Privacy.NONE, null, null, null, null, null, null, "");
        assertThat(p.parse(c2, "Social Care")).isEqualTo("SC");
        assertThatThrownBy(() -> p.parse(c2, "yot")).hasMessageContaining("allowed: SC");
        assertThat(p.parse(c, "Social Care")).isEqualTo("CSC");
        // many distinct texts: all still answered (the memo stops growing, the answers do not change)
        Map<String, List<String>> many = new LinkedHashMap<>();
        Map<String, String> manyLookup = new LinkedHashMap<>();
        for (int i = 0; i < ValueParser.CODE_MEMO_LIMIT + 500; i++) {
            many.put("C" + i, List.of());
            manyLookup.put(Names.key("C" + i), "C" + i);
        }
        ColumnSpec big = new ColumnSpec("big", ColumnType.CODE, false, List.of(), many, manyLookup, Privacy.NONE, null, null, null, null, null, null, "");
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < ValueParser.CODE_MEMO_LIMIT + 500; i++) assertThat(p.parse(big, "c" + i)).isEqualTo("C" + i);
        }
        // a list of codes goes through the same memo
        ColumnSpec list = new ColumnSpec("source", ColumnType.LIST, false, List.of(), codes().codes(), codes().codeLookup(),
                Privacy.NONE, null, null, null, null, null, null, "");
        assertThat(p.parse(list, "yot; social care")).isEqualTo(List.of("YOS", "CSC"));
        assertThat(p.parse(list, "yot; social care")).isEqualTo(List.of("YOS", "CSC"));
    }
}
