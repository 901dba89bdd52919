package org.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class PseudonymiserTest {

    /** The pads hashed once give what javax.crypto.Mac gives: every key length around the block size, many messages. */
    @Test
    void hmacAgreesWithTheJdksHmacSha256() throws Exception {
        Random random = new Random(903);
        int checked = 0;
        for (int keyLength : new int[] {32, 48, 63, 64, 65, 100, 200}) {
            byte[] key = new byte[keyLength];
            random.nextBytes(key);
            Mac reference = Mac.getInstance("HmacSHA256");
            reference.init(new SecretKeySpec(key, "HmacSHA256"));
            Pseudonymiser.Hmac hmac = new Pseudonymiser.Hmac(key);
            for (int n = 0; n < 300; n++) {
                byte[] message = ("YP" + random.nextInt(10_000_000) + "x".repeat(n % 90)).getBytes(StandardCharsets.UTF_8);
                if (n == 0) message = new byte[0];
                assertThat(hmac.mac(message)).isEqualTo(reference.doFinal(message));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(7 * 300);
    }

    /** The pseudonym is the first 128 bits of the HMAC of the text's UTF-8, in lower-case hex: ASCII, non-ASCII and long texts. */
    @Test
    void pseudonymIsTheHexOfTheHmacOfTheUtf8() throws Exception {
        byte[] key = new byte[32];
        new Random(17).nextBytes(key);
        Mac reference = Mac.getInstance("HmacSHA256");
        reference.init(new SecretKeySpec(key, "HmacSHA256"));
        Pseudonymiser.Hmac hmac = new Pseudonymiser.Hmac(key);
        java.util.HexFormat hex = java.util.HexFormat.of();
        java.util.List<String> texts = new java.util.ArrayList<>(java.util.List.of("", "YP1234567", "BR-1", "ZOË-ÅSE-9", "ID-€-1",
                "Ü".repeat(70), "A".repeat(127), "A".repeat(128), "A".repeat(129), "B".repeat(300)));
        Random random = new Random(5);
        for (int n = 0; n < 200; n++) texts.add("YP" + random.nextInt(10_000_000) + (n % 7 == 0 ? "é" : ""));
        for (String t : texts) {
            String expected = hex.formatHex(reference.doFinal(t.getBytes(StandardCharsets.UTF_8)), 0, 16);
            assertThat(hmac.pseudonym(t)).as(t).isEqualTo(expected).hasSize(32);
        }
    }
}
