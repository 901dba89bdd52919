package org.sightline.contract;

import java.util.Objects;

/**
 * A row rule from a contract: {@code check: left op right} (or {@code left is [not] null}),
 * optionally only {@code when: column = literal}. Comparisons are skipped when a side is blank.
 */
public record RowRule(String name, Condition when, Condition check, String message) {

    public enum Op {
        EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), IS_NULL("is null"), NOT_NULL("is not null");
        final String text;
        Op(String text) { this.text = text; }
    }

    /** {@code column op (column | literal)}; literal is already parsed to the column's type. */
    public record Condition(String left, Op op, String rightColumn, Object rightLiteral) {
        @Override
        public String toString() {
            String right = op == Op.IS_NULL || op == Op.NOT_NULL ? ""
                    : " " + (rightColumn != null ? rightColumn : String.valueOf(rightLiteral));
            return left + " " + op.text + right;
        }
    }

    /**
     * Evaluates a condition on its two sides' values (the right one is the literal, or the right
     * column's value; unused for null checks). Null means "not applicable".
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Boolean evaluate(Condition c, Object l, Object r) {
        if (c.op() == Op.IS_NULL) return l == null;
        if (c.op() == Op.NOT_NULL) return l != null;
        if (l == null || r == null) return null;
        if (c.op() == Op.EQ) return Objects.equals(l, r);
        if (c.op() == Op.NE) return !Objects.equals(l, r);
        int cmp;
        if (l instanceof Number a && r instanceof Number b) cmp = Double.compare(a.doubleValue(), b.doubleValue());
        else cmp = ((Comparable) l).compareTo(r);
        return switch (c.op()) {
            case LT -> cmp < 0;
            case LE -> cmp <= 0;
            case GT -> cmp > 0;
            case GE -> cmp >= 0;
            default -> throw new IllegalStateException();
        };
    }
}
