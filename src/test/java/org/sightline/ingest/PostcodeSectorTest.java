package org.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class PostcodeSectorTest {

    /** The implementation PostcodeSector had before it was written by hand: the oracle. */
    private static final Pattern FULL = Pattern.compile("^([A-Z]{1,2}[0-9][A-Z0-9]?)\\s*([0-9])[A-Z]{2}$");
    private static final Pattern OUTWARD = Pattern.compile("^([A-Z]{1,2}[0-9][A-Z0-9]?)(\\s*[0-9])?$");

    private static String oracle(String postcode) {
        String p = postcode.strip().toUpperCase(Locale.ROOT);
        Matcher m = FULL.matcher(p);
        if (m.matches()) return m.group(1) + " " + m.group(2);
        Matcher o = OUTWARD.matcher(p);
        if (o.matches()) return o.group(2) == null ? o.group(1) : o.group(1) + " " + o.group(2).strip();
        return null;
    }

    private static final List<String> FIXED = List.of(
            "bs5 7qt", "B12 3AB", "B123AB", "A1B2", "SW1A 1AA", "EC1A1BB", "M1 1AE", "B1 2", "B12", "XYZ",
            "BS5 7QT", "SW1A1AA", "M1", "not a postcode", "", " ", "B", "1", "B1", "b1", "B1 ", " b1 2 ", "B1  2", "B1\t2", "B1\n2",
            "B1\u000B2", "B1\f2", "B1\r2", "B1\u00a02", "B1\u20032", "B1\u001c2", "B12 ", "B123", "B1234", "AB12", "AB123", "AB1C",
            "AB1C2", "AB1C 2", "A1A", "A1A 1AA", "A1A1AA", "AB1 2CD", "AB12 3CD", "AB1C 2DE", "ABC1 2DE", "A 1 2AB", "A1 2A", "A1 2ABC",
            "A12AB", "A1 2AB", "AA1 2AB", "A1\t\t2AB", "ſ1 2ab", "bſ5 7qt", "ı1 2ab", "ß1", "ß1 2AB", "ﬀ1 2AB", "B1 2\u0085", "B1\u0085",
            "B1 2AB\u2028", "ＢＳ5 7QT", "B١ 2AB", "B1 ٢AB", "aa9a 9aa", "a9 9aa", "a99 9aa", "aa99 9aa", "GIR 0AA", "B1 2 3", "B1 23",
            "12 3AB", "B 3AB", "BS 3AB", "BS5 7Q", "BS5 7QTX", "BS5  7QT", "BS5\t7QT", "BS57QT ");

    @Test
    void fixedCasesAgreeWithTheTwoRegexRules() {
        for (String s : FIXED) assertThat(PostcodeSector.of(s)).as("'%s'", s).isEqualTo(oracle(s));
        assertThat(PostcodeSector.of("bs5 7qt")).isEqualTo("BS5 7");
        assertThat(PostcodeSector.of("SW1A1AA")).isEqualTo("SW1A 1");
        assertThat(PostcodeSector.of("B1 2")).isEqualTo("B1 2");
        assertThat(PostcodeSector.of("M1")).isEqualTo("M1");
        assertThat(PostcodeSector.of("XYZ")).isNull();
    }

    @Test
    void generatedTextAgreesWithTheTwoRegexRules() {
        Random r = new Random(20261121);
        String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        String digits = "0123456789";
        String spaces = "  \t\n\r\f\u000B\u00a0\u2003\u001c\u0085\u2028";
        String odd = "ſıßﬀ-.,/é١Ｂ";
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            StringBuilder sb = new StringBuilder();
            int kind = r.nextInt(4);
            if (kind == 0) {
                // random mix
                for (int k = r.nextInt(10); k > 0; k--) {
                    int w = r.nextInt(10);
                    String from = w < 4 ? letters : w < 7 ? digits : w < 9 ? spaces : odd;
                    sb.append(from.charAt(r.nextInt(from.length())));
                }
            } else {
                // postcode-shaped: 1-2 letters, digit, optional alnum, spaces, digit, 0-3 letters, sometimes mangled
                for (int k = 1 + r.nextInt(2); k > 0; k--) sb.append(letters.charAt(r.nextInt(letters.length())));
                sb.append(digits.charAt(r.nextInt(10)));
                if (r.nextBoolean()) sb.append((letters + digits).charAt(r.nextInt(letters.length() + 10)));
                for (int k = r.nextInt(3); k > 0; k--) sb.append(spaces.charAt(r.nextInt(kind == 1 ? 2 : spaces.length())));
                if (r.nextInt(5) > 0) sb.append(digits.charAt(r.nextInt(10)));
                for (int k = r.nextInt(4); k > 0; k--) sb.append(letters.charAt(r.nextInt(letters.length())));
                if (kind == 3 && sb.length() > 0) {
                    int at = r.nextInt(sb.length());
                    String from = r.nextBoolean() ? spaces : odd + digits;
                    sb.insert(at, from.charAt(r.nextInt(from.length())));
                }
                if (r.nextInt(4) == 0) sb.insert(0, ' ');
                if (r.nextInt(4) == 0) sb.append(spaces.charAt(r.nextInt(spaces.length())));
            }
            cases.add(sb.toString());
        }
        int sectors = 0;
        for (String s : cases) {
            String expected = oracle(s);
            assertThat(PostcodeSector.of(s)).as("'%s'", s).isEqualTo(expected);
            if (expected != null) sectors++;
        }
        assertThat(sectors).as("enough generated strings are postcodes").isGreaterThan(1000);
    }

    @Test
    void postcodesBecomeSectors() {
        assertThat(PostcodeSector.of("bs5 7qt")).isEqualTo("BS5 7");
        assertThat(PostcodeSector.of("SW1A1AA")).isEqualTo("SW1A 1");
        assertThat(PostcodeSector.of("M1")).isEqualTo("M1");
        assertThat(PostcodeSector.of("not a postcode")).isNull();
    }
}
