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
}
