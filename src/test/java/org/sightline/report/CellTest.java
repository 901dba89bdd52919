package org.sightline.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Small-number suppression, checked value by value. */
class CellTest {

    private static final FigureSpec.Column COUNT = new FigureSpec.Column("n", "n", FigureSpec.Kind.COUNT, null, null, null, false);
    private static final FigureSpec.Column PCT = new FigureSpec.Column("p", "p", FigureSpec.Kind.PERCENT, "yes", "base", null, false);
    private static final FigureSpec.Column MEAN = new FigureSpec.Column("m", "m", FigureSpec.Kind.MEAN, null, "base", "0.0", false);
    private static final FigureSpec.Column MONEY = new FigureSpec.Column("c", "c", FigureSpec.Kind.MONEY, null, "base", null, false);

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void countsOfOneToFourPrintAsLessThanFive() {
        assertThat(Cell.text(COUNT, row("n", 0L))).isEqualTo("0");
        for (long n = 1; n <= 4; n++) {
            assertThat(Cell.text(COUNT, row("n", n))).isEqualTo("<5");
            assertThat(Cell.value(COUNT, row("n", n))).isNull();
            assertThat(Cell.suppressed(COUNT, row("n", n))).isTrue();
        }
        assertThat(Cell.text(COUNT, row("n", 5L))).isEqualTo("5");
        assertThat(Cell.text(COUNT, row("n", 1234L))).isEqualTo("1,234");
        assertThat(Cell.value(COUNT, row("n", 5L))).isEqualTo(5.0);
    }

    @Test
    void aPercentageOverFewerThanFiveCasesIsNotPrinted() {
        assertThat(Cell.text(PCT, row("yes", 4L, "base", 4L))).isEqualTo("–");
        assertThat(Cell.text(PCT, row("yes", 0L, "base", 3L))).isEqualTo("–");
        assertThat(Cell.text(PCT, row("yes", 0L, "base", 0L))).isEqualTo("–");
        assertThat(Cell.text(PCT, row("yes", 5L, "base", 10L))).isEqualTo("50%");
        assertThat(Cell.text(PCT, row("yes", 0L, "base", 10L))).isEqualTo("0%");
        assertThat(Cell.value(PCT, row("yes", 5L, "base", 10L))).isEqualTo(0.5);
        // 9 of 10 would say that 1 did not: the complement is 1 to 4 (issue 23)
        assertThat(Cell.text(PCT, row("yes", 9L, "base", 10L))).isEqualTo("–");
        assertThat(Cell.text(PCT, row("yes", 10L, "base", 10L))).isEqualTo("100%");
    }

    @Test
    void aPercentageMadeOfACountOfOneToFourIsNotPrintedEither() {
        // 3 of 20 = 15% would give the suppressed 3 away next to its base of 20
        assertThat(Cell.text(PCT, row("yes", 3L, "base", 20L))).isEqualTo("–");
        assertThat(Cell.suppressed(PCT, row("yes", 3L, "base", 20L))).isTrue();
        assertThat(Cell.text(PCT, row("yes", 5L, "base", 20L))).isEqualTo("25%");
    }

    @Test
    void meansAndAmountsNeedFiveCases() {
        assertThat(Cell.text(MEAN, row("m", 123.45, "base", 4L))).isEqualTo("–");
        assertThat(Cell.text(MEAN, row("m", 123.45, "base", 5L))).isEqualTo("123.5");
        assertThat(Cell.text(MONEY, row("c", 42232.0, "base", 4L))).isEqualTo("–");
        assertThat(Cell.text(MONEY, row("c", 52790.0, "base", 5L))).isEqualTo("£52,790");
    }
}
