package org.sightline.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NoFeasibleSolutionException;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.linear.UnboundedSolutionException;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/**
 * Disclosure control that holds under subtraction: primary suppression (a count of 1 to 4 prints
 * {@code <5}), then secondary suppression (a count of 5 or more withheld, {@code [c]}) until no count of
 * 1 to 4 can be worked out from the published counts by the additive relations the registry declares
 * ({@code relations:} in {@code reports/metrics.yml}), and the audit that checks it.
 *
 * <p>The audit is a pair of linear programmes per suppressed count of 1 to 4 (commons-math3's simplex):
 * the unknowns are the suppressed cells ({@code <5}: between 1 and 4; {@code [c]}: 5 or more), the
 * constraints the relations with the published values put in; a cell is derivable when its least and
 * greatest feasible values are the same. This is what a reader with a spreadsheet and the published
 * tables can do with sums and differences, bounds included ("14, [c] and &lt;5 of 20": [c] is at least 5,
 * so &lt;5 is at most 1).
 */
public final class Disclosure {

    private Disclosure() {}

    /** One term of a relation: a cell and its sign ({@code total} marks the relation's total, kept visible when possible). */
    public record Term(String cell, int sign, boolean total) {}

    /** A relation on cells: the signed values of its terms sum to 0 (total − parts = 0). */
    public record Equation(String relation, List<Term> terms) {
        public static Equation of(String relation, String total, String... parts) {
            List<Term> t = new ArrayList<>();
            t.add(new Term(total, 1, true));
            for (String p : parts) t.add(p.startsWith("-") ? new Term(p.substring(1), 1, false) : new Term(p, -1, false));
            return new Equation(relation, t);
        }
    }

    /**
     * The outcome: the counts of 1 to 4 ({@code primary}), the counts withheld to protect them
     * ({@code secondary}), the counts of 1 to 4 that can still be worked out ({@code derivable}, empty when
     * the control holds) and the relations the published values do not satisfy ({@code broken}: a wrong
     * declaration, or data that changed between two months).
     */
    public record Plan(Set<String> primary, Set<String> secondary, List<String> derivable, List<String> broken) {
        public static final Plan NONE = new Plan(Set.of(), Set.of(), List.of(), List.of());

        /** The plan without the cells whose key starts with the prefix (another month's); their derivable cells stay reported. */
        public Plan without(String prefix) {
            Set<String> p = new TreeSet<>(), s = new TreeSet<>();
            for (String c : primary) if (!c.startsWith(prefix)) p.add(c);
            for (String c : secondary) if (!c.startsWith(prefix)) s.add(c);
            return new Plan(p, s, derivable, broken);
        }

        public boolean withheld(String cell) {
            return secondary.contains(cell);
        }

        public int suppressed() {
            return primary.size() + secondary.size();
        }

        /** The line printed on the data-quality page. */
        public String line() {
            StringBuilder sb = new StringBuilder("Disclosure check: ").append(suppressed()).append(suppressed() == 1 ? " cell" : " cells")
                    .append(" suppressed (").append(primary.size()).append(" of 1–4 printed <5, ").append(secondary.size())
                    .append(" more withheld [c] so they cannot be worked out by subtraction), ");
            sb.append(derivable.isEmpty() ? "none derivable" : derivable.size() + " derivable: " + String.join(", ", derivable));
            if (!broken.isEmpty()) sb.append("; relations not holding: ").append(String.join(", ", broken));
            return sb.append('.').toString();
        }
    }

    /**
     * Primary then secondary suppression of the cells (value by key), by the relations. {@code fixed}
     * cells are never withheld here (their state is decided elsewhere: another month's pack, a site's
     * own pack in the comparison); {@code withheld} are already withheld (decided elsewhere).
     */
    public static Plan protect(Map<String, Long> cells, List<Equation> relations, Set<String> fixed, Set<String> withheld) {
        Set<String> primary = new TreeSet<>();
        for (Map.Entry<String, Long> e : cells.entrySet()) if (small(e.getValue())) primary.add(e.getKey());
        Set<String> secondary = new TreeSet<>();
        for (String w : withheld) if (cells.containsKey(w) && !primary.contains(w)) secondary.add(w);
        // a count withheld elsewhere (and fixed here) protects a <5 there by relations this plan does not see:
        // it must not be worked out here either
        Set<String> guarded = new TreeSet<>(secondary);
        guarded.retainAll(fixed);
        // a previous month's [c] needs no guard: that pack's relations and its <5 cells are in this plan (the
        // <5 it protects is a target here), and a [c] is withheld to protect a <5, not to be unworkable itself
        guarded.removeIf(c -> c.startsWith(PREVIOUS));
        Set<String> targets = new LinkedHashSet<>(primary);
        targets.addAll(guarded);
        // Withholding one more cell only loosens the system (a published value becomes an unknown of 5 or
        // more, its true value still feasible), so a cell that cannot be worked out stays so: each cell found
        // derivable by the first audit is protected in turn, checking that cell alone.
        List<String> stuck = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();   // the cells protected so far
        for (String found : audit(cells, relations, primary, secondary, targets).derivable) {
            String d = found.substring(0, found.lastIndexOf(" = "));
            List<String> added = new ArrayList<>();
            Audit last = null;
            for (int round = 0; round <= cells.size(); round++) {
                last = audit(cells, relations, primary, secondary, Set.of(d));
                if (last.derivable.isEmpty()) break;
                String pick = candidate(d, cells, relations, primary, secondary, fixed);
                if (pick == null) break;
                secondary.add(pick);
                added.add(pick);
            }
            if (!last.derivable.isEmpty()) {
                // it cannot be protected here (what gives it away is fixed elsewhere, or the search ran out): withholding
                // more for it would hide figures for nothing, so the cells tried for it are printed again, and it is reported
                stuck.addAll(last.derivable);
                added.forEach(secondary::remove);
                continue;
            }
            // the search may have withheld cells that turned out not to be needed (a month the previous pack prints
            // anyway): print each again, last first, if every cell protected so far stays protected without it
            done.add(d);
            for (int i = added.size() - 1; i >= 0 && added.size() > 1; i--) {
                secondary.remove(added.get(i));
                if (!audit(cells, relations, primary, secondary, done).derivable.isEmpty()) secondary.add(added.get(i));
            }
        }
        return new Plan(primary, secondary, stuck, audit(cells, relations, primary, secondary, Set.of()).broken);
    }

    /** The audit alone: which counts of 1 to 4 the published cells give away, for a plan already applied. */
    public static Plan check(Map<String, Long> cells, List<Equation> relations, Set<String> secondary) {
        Set<String> primary = new TreeSet<>();
        for (Map.Entry<String, Long> e : cells.entrySet()) if (small(e.getValue())) primary.add(e.getKey());
        Set<String> sec = new TreeSet<>(secondary);
        sec.retainAll(cells.keySet());
        Audit a = audit(cells, relations, primary, sec, primary);
        return new Plan(primary, sec, a.derivable, a.broken);
    }

    static boolean small(Long v) {
        return v != null && v > 0 && v < Cell.THRESHOLD;
    }

    /**
     * The smallest published count of 5 or more in a relation of the derivable cell (parts before totals,
     * so totals stay visible where they can), else in any relation sharing a suppressed cell with it.
     */
    private static String candidate(String d, Map<String, Long> cells, List<Equation> relations, Set<String> primary,
                                    Set<String> secondary, Set<String> fixed) {
        // table cells before the cover's measures (they stay visible on the cover and in the comparison where they
        // can), parts before totals, smallest first
        Comparator<Term> order = Comparator.<Term, Boolean>comparing(t -> t.cell().startsWith(MEASURE)).thenComparing(Term::total)
                .thenComparing(t -> cells.get(t.cell())).thenComparing(Term::cell);
        Set<String> reach = new HashSet<>(Set.of(d));
        for (int round = 0; round < 20; round++) {
            List<Term> options = new ArrayList<>();
            for (Equation e : relations) {
                if (e.terms().stream().noneMatch(t -> reach.contains(t.cell()))) continue;
                for (Term t : e.terms()) {
                    Long v = cells.get(t.cell());
                    if (v == null || v < Cell.THRESHOLD || primary.contains(t.cell()) || secondary.contains(t.cell()) || fixed.contains(t.cell())) continue;
                    options.add(t);
                }
            }
            if (!options.isEmpty()) {
                // the first, smallest first, that protects the cell on its own; else the smallest
                List<String> sorted = options.stream().sorted(order).map(Term::cell).distinct().toList();
                for (String o : sorted) {
                    Set<String> trial = new HashSet<>(secondary);
                    trial.add(o);
                    if (audit(cells, relations, primary, trial, Set.of(d)).derivable.isEmpty()) return o;
                }
                return sorted.get(0);
            }
            // widen to the relations of the cells it is tied to (e.g. a cell of the previous month's pack, fixed,
            // protected there by a cell this month's pack publishes again, or worked out through cells of that
            // pack that this month's pack repeats)
            int before = reach.size();
            for (Equation e : relations) {
                if (e.terms().stream().noneMatch(t -> reach.contains(t.cell()))) continue;
                for (Term t : e.terms()) reach.add(t.cell());
            }
            if (reach.size() == before) break;
        }
        return null;
    }

    private record Audit(List<String> derivable, List<String> broken) {}

    /** Which of {@code targets} (suppressed cells) the published cells give away, and which relations do not hold. */
    private static Audit audit(Map<String, Long> cells, List<Equation> relations, Set<String> primary, Set<String> secondary, Set<String> targets) {
        Set<String> unknown = new LinkedHashSet<>(primary);
        unknown.addAll(secondary);
        // each usable relation: every cell is known (published) or unknown; constant = -sum of the known terms
        List<Map<String, Integer>> rows = new ArrayList<>();
        List<Double> rhs = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        for (Equation e : relations) {
            if (e.terms().stream().anyMatch(t -> !cells.containsKey(t.cell()))) continue;
            Map<String, Integer> coef = new LinkedHashMap<>();
            double known = 0;
            for (Term t : e.terms()) {
                if (unknown.contains(t.cell())) coef.merge(t.cell(), t.sign(), Integer::sum);
                else known += t.sign() * cells.get(t.cell());
            }
            coef.values().removeIf(c -> c == 0);
            if (coef.isEmpty()) {
                if (known != 0 && !broken.contains(e.relation())) broken.add(e.relation());
                continue;
            }
            rows.add(coef);
            rhs.add(-known);
        }
        List<String> derivable = new ArrayList<>();
        if (targets.isEmpty()) return new Audit(derivable, broken);
        // connected groups of unknowns, one LP pair per count of 1 to 4 over its group's relations
        Map<String, String> parent = new HashMap<>();
        for (String u : unknown) parent.put(u, u);
        for (Map<String, Integer> r : rows) {
            String first = null;
            for (String c : r.keySet()) {
                if (first == null) first = c;
                else parent.put(find(parent, c), find(parent, first));
            }
        }
        for (String p : targets) {
            String g = find(parent, p);
            List<String> vars = new ArrayList<>();
            for (String u : unknown) if (find(parent, u).equals(g)) vars.add(u);
            List<Integer> use = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) if (find(parent, rows.get(i).keySet().iterator().next()).equals(g)) use.add(i);
            if (use.isEmpty()) continue;   // in no relation with its published cells
            Double lo = optimum(p, vars, rows, rhs, use, primary, GoalType.MINIMIZE);
            Double hi = optimum(p, vars, rows, rhs, use, primary, GoalType.MAXIMIZE);
            if (lo == null && hi == null) {
                broken.add("relations of " + p);
                continue;
            }
            if (lo != null && hi != null && hi - lo < 0.5) derivable.add(p + " = " + Math.round(lo));
        }
        return new Audit(derivable, broken);
    }

    private static String find(Map<String, String> parent, String x) {
        String p = parent.get(x);
        if (p.equals(x)) return x;
        String r = find(parent, p);
        parent.put(x, r);
        return r;
    }

    /** The least or greatest feasible value of a cell; null when infeasible, +inf when unbounded. */
    private static Double optimum(String cell, List<String> vars, List<Map<String, Integer>> rows, List<Double> rhs, List<Integer> use,
                                  Set<String> primary, GoalType goal) {
        int n = vars.size();
        double[] obj = new double[n];
        obj[vars.indexOf(cell)] = 1;
        List<LinearConstraint> cons = new ArrayList<>();
        for (int i : use) {
            double[] a = new double[n];
            for (Map.Entry<String, Integer> e : rows.get(i).entrySet()) a[vars.indexOf(e.getKey())] = e.getValue();
            cons.add(new LinearConstraint(a, Relationship.EQ, rhs.get(i)));
        }
        for (int j = 0; j < n; j++) {
            double[] a = new double[n];
            a[j] = 1;
            if (primary.contains(vars.get(j))) {
                cons.add(new LinearConstraint(a, Relationship.GEQ, 1));
                cons.add(new LinearConstraint(a, Relationship.LEQ, Cell.THRESHOLD - 1));
            } else {
                cons.add(new LinearConstraint(a, Relationship.GEQ, Cell.THRESHOLD));
            }
        }
        try {
            PointValuePair p = new SimplexSolver().optimize(new MaxIter(10_000), new LinearObjectiveFunction(obj, 0),
                    new LinearConstraintSet(cons), goal, new NonNegativeConstraint(true));
            return p.getValue();
        } catch (UnboundedSolutionException e) {
            return goal == GoalType.MAXIMIZE ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        } catch (NoFeasibleSolutionException e) {
            return null;
        } catch (TooManyIterationsException e) {
            return goal == GoalType.MAXIMIZE ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
    }

    // ------------------------------------------------------------------ a pack's cells and relations

    /** Prefix of the previous month's cells when two packs are audited together. */
    public static final String PREVIOUS = "previous:";

    /** The relation over the previous month's cells. */
    public static Equation prefixed(Equation e) {
        return new Equation(e.relation(), e.terms().stream().map(t -> new Term(PREVIOUS + t.cell(), t.sign(), t.total())).toList());
    }

    /** A measure query's cell (for the pack's site). */
    public static String measureKey(String query, String column, String period) {
        return MEASURE + query + "." + column + "@" + period;
    }

    /** The prefix of a measure's cell key ({@link #measureKey}). */
    public static final String MEASURE = "measure:";

    /** A figure's row label in cell keys: its first column when that is text, else the row number (none for a one-row figure). */
    static String rowLabel(Figure f, int row) {
        FigureSpec.Column first = f.spec().columns().values().iterator().next();
        if (first.kind() == FigureSpec.Kind.TEXT) return String.valueOf(f.rows().get(row).get(first.name()));
        return f.rows().size() == 1 ? null : "#" + (row + 1);
    }

    /** A figure cell's key: {@code figure.column} or {@code figure[row label].column}. */
    public static String key(Figure f, int row, String column) {
        String l = rowLabel(f, row);
        return f.spec().name() + (l == null ? "" : "[" + l + "]") + "." + column;
    }

    /** Every count a pack publishes (figures, including columns only in the CSV/XLSX, and the measure counts the cover prints or a relation names). */
    public static Map<String, Long> packCells(Metrics metrics, Map<String, Figure> figures, MeasureTable measures, String siteId) {
        Map<String, Long> cells = new LinkedHashMap<>();
        for (Figure f : figures.values()) {
            if (!f.available()) continue;
            for (int i = 0; i < f.rows().size(); i++) {
                for (FigureSpec.Column c : f.spec().columns().values()) {
                    if (c.kind() != FigureSpec.Kind.COUNT) continue;
                    Object v = f.rows().get(i).get(c.name());
                    if (v != null) cells.put(key(f, i, c.name()), Math.round(Cell.num(v)));
                }
            }
        }
        for (String[] mc : measureCells(metrics)) {
            if (measures.unavailable(mc[0], siteId) != null) continue;
            Object v = measures.row(mc[0], siteId, mc[2]).get(mc[1]);
            cells.put(measureKey(mc[0], mc[1], mc[2]), v == null ? 0L : Math.round(Cell.num(v)));
        }
        return cells;
    }

    /** The measure cells printed as counts (count measures, the cover's notes) or named by a relation: {query, column, period}. */
    static List<String[]> measureCells(Metrics metrics) {
        Map<String, String[]> out = new LinkedHashMap<>();
        java.util.regex.Pattern note = java.util.regex.Pattern.compile("\\{([^}:]+:)?([a-z_0-9]+)}");
        for (Metrics.Measure m : metrics.measures()) {
            if (m.e().unit() == Metrics.Unit.COUNT) for (String g : m.e().grain()) out.put(m.query() + m.e().numerator() + g, new String[]{m.query(), m.e().numerator(), g});
            if (m.cover() == null) continue;
            for (String t : new String[]{m.cover().note(), m.cover().hiddenNote()}) {
                if (t == null) continue;
                java.util.regex.Matcher x = note.matcher(t);
                while (x.find()) {
                    if (x.group(2).startsWith("target") || "measure:".equals(x.group(1))) continue;   // {measure:key}: another measure's value, not a count
                    String p = x.group(1) == null ? m.cover().period() : x.group(1).substring(0, x.group(1).length() - 1);
                    out.put(m.query() + x.group(2) + p, new String[]{m.query(), x.group(2), p});
                }
            }
        }
        for (Metrics.Relation r : metrics.relations()) {
            if (r.acrossSites() != null) continue;
            List<String> all = new ArrayList<>(r.parts());
            all.add(r.total());
            for (String s : all) {
                Metrics.Ref ref = Metrics.ref(s);
                if (ref.measure()) out.put(ref.query() + ref.column() + ref.period(), new String[]{ref.query(), ref.column(), ref.period()});
            }
        }
        return List.copyOf(out.values());
    }

    /**
     * The registry's relations over a pack's cells ({@code previous} null), or over two months' packs
     * together ({@code previous}: the previous month's figures, whose cells are keyed {@link #PREVIOUS}...).
     * A relation naming a figure that has no data for the pack is left out.
     */
    public static List<Equation> packEquations(Metrics metrics, Map<String, Figure> figures, Map<String, Figure> previous) {
        List<Equation> out = new ArrayList<>();
        for (Metrics.Relation r : metrics.relations()) {
            if (r.acrossSites() != null) continue;
            Metrics.Ref total = Metrics.ref(r.total());
            List<Metrics.Ref> parts = r.parts().stream().map(Metrics::ref).toList();
            boolean crossMonth = total.previous() || parts.stream().anyMatch(Metrics.Ref::previous);
            if (crossMonth != (previous != null)) continue;
            if ("*".equals(total.row())) {
                // row by row: one relation per row label of the total's figure
                Figure tf = fig(total, figures, previous);
                if (tf == null) continue;
                for (int i = 0; i < tf.rows().size(); i++) {
                    String label = rowLabel(tf, i);
                    List<Term> terms = new ArrayList<>();
                    terms.add(new Term(cell(total, tf, i), total.sign(), true));
                    boolean ok = true;
                    for (Metrics.Ref p : parts) {
                        Figure pf = fig(p, figures, previous);
                        int j = pf == null ? -1 : rowOf(pf, label);
                        if (j < 0) { ok = false; break; }
                        terms.add(new Term(cell(p, pf, j), -p.sign(), false));
                    }
                    if (ok) out.add(new Equation(r.name(), terms));
                }
                continue;
            }
            List<String> totals = keys(total, figures, previous);
            if (totals == null || totals.isEmpty()) continue;
            List<Term> partTerms = new ArrayList<>();
            boolean ok = true;
            for (Metrics.Ref p : parts) {
                List<String> k = keys(p, figures, previous);
                if (k == null) { ok = false; break; }
                for (String c : k) partTerms.add(new Term(c, -p.sign(), false));
            }
            if (!ok) continue;
            for (String t : totals) {
                List<Term> terms = new ArrayList<>();
                terms.add(new Term(t, total.sign(), true));
                terms.addAll(partTerms);
                out.add(new Equation(r.name(), terms));
            }
        }
        return out;
    }

    private static Figure fig(Metrics.Ref ref, Map<String, Figure> figures, Map<String, Figure> previous) {
        Map<String, Figure> src = ref.previous() ? previous : figures;
        Figure f = src == null ? null : src.get(ref.figure());
        return f == null || !f.available() ? null : f;
    }

    private static String cell(Metrics.Ref ref, Figure f, int row) {
        return (ref.previous() ? PREVIOUS : "") + key(f, row, ref.column());
    }

    private static int rowOf(Figure f, String label) {
        for (int i = 0; i < f.rows().size(); i++) if (java.util.Objects.equals(rowLabel(f, i), label)) return i;
        return -1;
    }

    /** The cells a reference names; null when its figure has no data for the pack. */
    private static List<String> keys(Metrics.Ref ref, Map<String, Figure> figures, Map<String, Figure> previous) {
        String pre = ref.previous() ? PREVIOUS : "";
        if (ref.measure()) return List.of(pre + measureKey(ref.query(), ref.column(), ref.period()));
        Figure f = fig(ref, figures, previous);
        if (f == null) return null;
        List<String> out = new ArrayList<>();
        if (ref.row() == null || ref.row().equals("*")) {
            for (int i = 0; i < f.rows().size(); i++) out.add(cell(ref, f, i));
        } else if (ref.row().equals("last")) {
            if (!f.rows().isEmpty()) out.add(cell(ref, f, f.rows().size() - 1));
        } else {
            int i = rowOf(f, ref.row());
            if (i < 0) return null;
            out.add(cell(ref, f, i));
        }
        return out;
    }
}
