package org.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.sightline.contract.Names;

class NamesTest {

    /** Names.key as it was before its no-allocation fast path: the oracle. */
    private static String oldKey(String text) {
        if (text == null) return "";
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) sb.append(Character.toLowerCase(c));
            else if (c == '&') sb.append("and");
        }
        return sb.toString();
    }

    private static List<String> cases() {
        List<String> cases = new ArrayList<>(List.of("", "abc", "abc123", "Abc", "a b", "a&b", "total", "Total", "TOTALS", "Grand Total",
                "grand total:", "** Grand Total **", "(Total)", "'total", "- Totals -", "&total", "totalé", "Tōtal", "Ｔotal", "\u0130",
                "t", "g", "9total", "T\u00a0o t a l", "Total Referrals", "REF000123", "2024-03-12", "ǅ", "\ud835\udc13otal"));
        Random r = new Random(5);
        String alphabet = "totalsgrndTOTALSGRND &*-()':1 \téİ";
        for (int i = 0; i < 5000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = r.nextInt(14); k > 0; k--) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            cases.add(sb.toString());
        }
        return cases;
    }

    @Test
    void keyIsUnchangedAndReturnsAKeyAsItIs() {
        for (String s : cases()) assertThat(Names.key(s)).as("'%s'", s).isEqualTo(oldKey(s));
        assertThat(Names.key(null)).isEqualTo("");
        String k = "referral42";
        assertThat(Names.key(k)).isSameAs(k);
    }

    @Test
    void theTotalsPrecheckNeverHidesATotalsRow() {
        int totals = 0;
        for (String s : cases()) {
            String k = oldKey(s);
            boolean total = k.equals("total") || k.equals("totals") || k.equals("grandtotal");
            if (total) {
                totals++;
                assertThat(RowProcessor.mayBeTotal(s)).as("'%s'", s).isTrue();
            }
        }
        assertThat(totals).isGreaterThan(5);
        assertThat(RowProcessor.mayBeTotal("REF000123")).isFalse();
        assertThat(RowProcessor.mayBeTotal("2024-03-12")).isFalse();
        assertThat(RowProcessor.mayBeTotal("** Grand Total **")).isTrue();
    }
}
