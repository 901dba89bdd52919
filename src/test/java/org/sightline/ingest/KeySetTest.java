package org.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeySetTest {

    @Test
    void remembersTheFirstRowOfEveryKeyThroughManyGrowths() {
        KeySet set = new KeySet();
        int n = 200_000;
        for (int i = 1; i <= n; i++) set.add(KeySet.print("SITE\u0001" + i + "\u0001"), i);
        // adding a key again keeps its first row
        for (int i = 1; i <= n; i += 7) set.add(KeySet.print("SITE\u0001" + i + "\u0001"), i + n);
        assertThat(set.size()).isEqualTo(n);
        for (int i = 1; i <= n; i++) assertThat(set.firstRow(KeySet.print("SITE\u0001" + i + "\u0001"))).isEqualTo(i);
        assertThat(set.contains(KeySet.print("SITE\u0001" + (n + 1) + "\u0001"))).isFalse();
        assertThat(set.firstRow(KeySet.print("OTHER\u00011\u0001"))).isZero();
    }

    @Test
    void putIfAbsentGivesTheFirstRowOfAKeySeenBeforeAndAddsANewOne() {
        KeySet set = new KeySet();
        int n = 100_000;
        for (int i = 1; i <= n; i++) assertThat(set.putIfAbsent(KeySet.print("K\u0001" + i + "\u0001"), i)).isZero();
        for (int i = 1; i <= n; i += 3) assertThat(set.putIfAbsent(KeySet.print("K\u0001" + i + "\u0001"), i + n)).isEqualTo(i);
        assertThat(set.size()).isEqualTo(n);
        for (int i = 1; i <= n; i += 5) assertThat(set.firstRow(KeySet.print("K\u0001" + i + "\u0001"))).isEqualTo(i);
        // a key without a row (from the lake) is present all the same
        assertThat(set.putIfAbsent(KeySet.print("lake"), 0)).isZero();
        assertThat(set.putIfAbsent(KeySet.print("lake"), 7)).isPositive();
    }

    @Test
    void aKeyFromTheLakeWithoutARowStillCounts() {
        KeySet set = new KeySet();
        set.add(KeySet.print("a"), 0);
        assertThat(set.contains(KeySet.print("a"))).isTrue();
        assertThat(set.contains(KeySet.print("b"))).isFalse();
    }

    @Test
    void fingerprintsTellKeysApartAndAgreeForTheSameText() {
        assertThat(KeySet.print("A\u00011\u0001")).isEqualTo(KeySet.print("A\u0001" + 1 + "\u0001"));
        assertThat(KeySet.print("A\u000112\u0001")).isNotEqualTo(KeySet.print("A1\u00012\u0001"));
        // the first 128 bits of the SHA-256 of the text's UTF-8 (as lakes staged before keep them)
        assertThat(KeySet.print("Zoë\u0001")).isEqualTo(new KeySet.Print(0xa4a994082324e117L, 0x232f6c84d63d407dL));
    }

    /** Fed value by value, the digest is the one of the joined text: any value type, nulls, non-ASCII, long values. */
    @Test
    void valuesGiveTheFingerprintOfTheirJoinedText() {
        Object[] row = {"SITE", null, java.time.LocalDate.of(2024, 2, 29), 42L, "Zoë–Ł", "", 0.5, "K".repeat(300), "Ł".repeat(200)};
        int[][] keys = {{0}, {0, 3}, {3, 0}, {1, 2, 4}, {5, 5}, {0, 1, 2, 3, 4, 5, 6}, {7}, {8}, {0, 7, 8, 4}, {8, 7, 8}};
        for (int[] idx : keys) {
            StringBuilder joined = new StringBuilder();
            for (int i : idx) joined.append(row[i]).append('\u0001');
            assertThat(KeySet.print(row, idx)).as(java.util.Arrays.toString(idx)).isEqualTo(KeySet.print(joined.toString()));
        }
        assertThat(KeySet.print(row, new int[] {0, 3})).isNotEqualTo(KeySet.print(row, new int[] {3, 0}));
    }
}
