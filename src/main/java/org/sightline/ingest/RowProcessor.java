package org.sightline.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.sightline.ingest.read.SourceRow;
import org.sightline.contract.ColumnSpec;
import org.sightline.contract.Contract;
import org.sightline.contract.ValueParser;
import org.sightline.contract.Names;
import org.sightline.contract.Privacy;
import org.sightline.contract.RowRule;

/**
 * Turns one source row into lake values: header mapping, parsing, validation, row rules and the
 * privacy treatments, in that order. All of a row's problems are reported together.
 */
public final class RowProcessor {

    /** Why a row was skipped rather than loaded or rejected. */
    public enum Skip { BLANK, TOTALS, REPEATED_HEADER }

    private final Contract contract;
    private final HeaderMap header;
    /** Cells equal to their header labels that make a row a repeated header. */
    private final int headerRepeat;
    private final ValueParser parser;
    private final Pseudonymiser pseudonymiser;
    private final String fileName;
    private final String sheet;
    private final List<ColumnSpec> cols;
    private final String[] stored;           // stored column names, lake order
    /** The length of a lake row: the stored columns, then room for the lineage columns. */
    private final int rowWidth;
    private final int[] storeIndex;          // contract column -> index in stored, or -1
    private final Map<String, Integer> colIndex = new HashMap<>();
    private final List<BoundRule> rules;
    /** Contract column -> index of the event column its age is taken at, or -1. */
    private final int[] eventIndex;
    private final int[] partitionIdx;
    private final DatasetHook hook;
    private final List<String> storedList;
    /** Partition value -> folder, for one-column partitions; shared by the processing threads. */
    private final Map<Object, String> partitionFolders = new java.util.concurrent.ConcurrentHashMap<>();

    public RowProcessor(Contract contract, HeaderMap header, ValueParser parser, Pseudonymiser pseudonymiser,
                        String fileName, String sheet, DatasetHook hook) {
        this.hook = hook;
        this.contract = contract;
        this.header = header;
        this.headerRepeat = Math.max(2, header.matchedCount() / 2 + 1);
        this.parser = parser;
        this.pseudonymiser = pseudonymiser;
        this.fileName = fileName;
        this.sheet = sheet;
        this.cols = contract.columns();
        this.stored = contract.storedColumns().keySet().toArray(new String[0]);
        this.storedList = List.of(stored);
        this.rowWidth = stored.length + org.sightline.lake.LakeSchema.LINEAGE.size();
        this.storeIndex = new int[cols.size()];
        for (int i = 0; i < cols.size(); i++) {
            String s = cols.get(i).storedName();
            storeIndex[i] = s == null ? -1 : storedList.indexOf(s);
            colIndex.put(cols.get(i).name(), i);
        }
        this.partitionIdx = contract.partitionBy().stream().mapToInt(storedList::indexOf).toArray();
        this.rules = contract.rules().stream().map(this::bind).toList();
        this.eventIndex = cols.stream().mapToInt(c -> index(c.event())).toArray();
    }

    public String[] storedColumns() {
        return stored;
    }

    /**
     * A fresh, empty lake row: the stored columns in lake order, then the lineage columns, which
     * {@link RowItemProcessor} fills in place (one array a row, not one copied into another).
     */
    Object[] newRow() {
        return new Object[rowWidth];
    }

    /** Blank, totals and repeated header rows are skipped (and counted), not rejected. */
    public Skip skipReason(SourceRow row) {
        String first = null;
        for (String c : row.cells()) {
            if (c != null && !c.isBlank()) {
                first = c;
                break;
            }
        }
        if (first == null) return Skip.BLANK;
        if (mayBeTotal(first)) {
            String k = Names.key(first);
            if (k.equals("total") || k.equals("totals") || k.equals("grandtotal")) return Skip.TOTALS;
        }
        // a repeated header: enough cells equal their column's header label (stopping once it cannot be)
        int[] srcs = header.columns();
        String[] labels = header.labels();
        int n = cols.size();
        int same = 0;
        for (int i = 0; i < n && same + (n - i) >= headerRepeat; i++) {
            int src = srcs[i];
            String label = labels[i];
            if (src >= 0 && label != null && isLabel(label, row.cell(src))) same++;
        }
        if (same >= headerRepeat) return Skip.REPEATED_HEADER;
        return null;
    }

    /** {@code label.equals(cell.strip())}, without stripping cells that cannot match. */
    static boolean isLabel(String label, String cell) {
        if (cell == null || cell.length() < label.length()) return false;
        return cell.length() == label.length() ? cell.equals(label) : label.equals(cell.strip());
    }

    /**
     * False when {@code Names.key(text)} cannot be "total", "totals" or "grandtotal": its first key char
     * (from the first letter, digit or '&') is not t or g. Saves building the key for every row.
     */
    static boolean mayBeTotal(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '&') return false;   // the key would start "and"
            if (Character.isLetterOrDigit(c)) {
                char k = Character.toLowerCase(c);
                return k == 't' || k == 'g';
            }
        }
        return false;                     // the key would be ""
    }

    /**
     * The row's lake values, or its rejection. The stages are methods of their own so that the JIT
     * compiles each apart (as one method this was C2's largest compile of the ingest).
     */
    public ProcessedRow process(SourceRow row) {
        int n = cols.size();
        Object[] parsed = new Object[n];
        String[] raw = new String[n];
        List<RowError> errors = parseCells(row, parsed, raw);
        if (errors == null) errors = checkRules(row, parsed, raw);
        if (errors != null) return ProcessedRow.rejected(row.row(), errors);
        Object[] out = newRow();
        RowError treatment = storedValues(row, parsed, raw, out);
        if (treatment != null) return ProcessedRow.rejected(row.row(), List.of(treatment));
        HookRow hr = new HookRow(row, colIndex, parsed, raw, out, storedList, this, header);
        List<Object[]> rows = hook.rows(hr);
        if (hr.errors() != null) return ProcessedRow.rejected(row.row(), hr.errors());
        List<String> partitions;
        if (rows.size() == 1) {
            partitions = List.of(partitionOf(rows.get(0)));
        } else {
            partitions = new ArrayList<>(rows.size());
            for (Object[] r : rows) partitions.add(partitionOf(r));
        }
        if (hr.partErrors() != null) {
            return rows.isEmpty() ? ProcessedRow.rejected(row.row(), hr.partErrors()) : ProcessedRow.partial(row.row(), rows, partitions, hr.partErrors());
        }
        return ProcessedRow.loaded(row.row(), rows, partitions);
    }

    /** Each contract column's cell parsed into {@code parsed} (its text into {@code raw}); the cells' errors, or null. */
    private List<RowError> parseCells(SourceRow row, Object[] parsed, String[] raw) {
        List<RowError> errors = null;
        int[] srcs = header.columns();
        for (int i = 0; i < parsed.length; i++) {
            ColumnSpec col = cols.get(i);
            int src = srcs[i];
            String text = src >= 0 ? row.cell(src) : null;
            if (ValueParser.isBlank(text)) {
                if (col.required()) errors = add(errors, error(row, i, text, "required", "a value is required but the cell is empty"));
                continue;
            }
            raw[i] = text;
            if (col.privacy() == Privacy.DROP) continue;
            try {
                parsed[i] = parser.parse(col, text);
            } catch (ValueParser.Failure f) {
                errors = add(errors, error(row, i, text, f.rule(), f.getMessage()));
            }
        }
        return errors;
    }

    /** The contract's row rules on the parsed values; their errors, or null. */
    private List<RowError> checkRules(SourceRow row, Object[] parsed, String[] raw) {
        List<RowError> errors = null;
        for (BoundRule b : rules) {
            if (b.rule.when() != null && !Boolean.TRUE.equals(b.when(parsed))) continue;
            if (Boolean.FALSE.equals(b.check(parsed))) {
                int i = b.checkLeft;
                errors = add(errors, error(row, i, i < 0 ? null : raw[i], b.rule.name(), b.rule.message()));
            }
        }
        return errors;
    }

    /**
     * The stored values into {@code out}, lake order, with the privacy treatments applied; the error
     * that rejects the row when a treatment cannot be applied (a birth after the event, not a
     * postcode), or null.
     */
    private RowError storedValues(SourceRow row, Object[] parsed, String[] raw, Object[] out) {
        for (int i = 0; i < parsed.length; i++) {
            int s = storeIndex[i];
            if (s < 0 || parsed[i] == null) continue;
            ColumnSpec col = cols.get(i);
            Object v;
            switch (col.privacy()) {
                case PSEUDONYMISE -> v = pseudonymiser.pseudonym(String.valueOf(parsed[i]));
                case PSEUDONYMISE_CHILD_ID -> v = pseudonymiser.pseudonym(Privacy.childId(String.valueOf(parsed[i])));
                case BIRTH_MONTH -> v = ((LocalDate) parsed[i]).withDayOfMonth(1);
                case AGE_AT -> {
                    Object event = eventIndex[i] < 0 ? null : parsed[eventIndex[i]];
                    v = event instanceof LocalDate e ? (Object) ageInYears((LocalDate) parsed[i], e) : null;
                    if (v != null && (Long) v < 0) {
                        return error(row, i, raw[i], "age_at", "the date of birth is after the " + col.event().replace('_', ' '));
                    }
                }
                case POSTCODE_SECTOR -> {
                    v = PostcodeSector.of(String.valueOf(parsed[i]));
                    if (v == null) return error(row, i, raw[i], "postcode", "is not a UK postcode");
                }
                default -> v = parsed[i];
            }
            if (out[s] == null) out[s] = v;
        }
        return null;
    }

    /**
     * Whole years from a date of birth to an event: the years of {@code Period.between(birth, event)}
     * (a birthday on 29 February is reached on 1 March in other years), without building the period;
     * -1 when the birth is after the event, even by a day.
     */
    static long ageInYears(LocalDate birth, LocalDate event) {
        if (birth.isAfter(event)) return -1;
        int years = event.getYear() - birth.getYear();
        if (event.getMonthValue() < birth.getMonthValue()
                || (event.getMonthValue() == birth.getMonthValue() && event.getDayOfMonth() < birth.getDayOfMonth())) years--;
        return years;
    }

    /** Hive-style partition folder for a row, e.g. "site_id=METRO_CITY"; "" when unpartitioned. */
    public String partitionOf(Object[] values) {
        if (partitionIdx.length == 0) return "";
        if (partitionIdx.length == 1) {
            // one partition column (the usual case): its few values' folders are kept, rows share them
            Object v = values[partitionIdx[0]];
            if (v == null) return folder(values);
            String f = partitionFolders.get(v);
            if (f == null) {
                f = folder(values);
                if (partitionFolders.size() < 4096) partitionFolders.put(v, f);
            }
            return f;
        }
        return folder(values);
    }

    private String folder(Object[] values) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < partitionIdx.length; k++) {
            if (k > 0) sb.append('/');
            Object v = values[partitionIdx[k]];
            sb.append(contract.partitionBy().get(k)).append('=').append(v == null ? "__HIVE_DEFAULT_PARTITION__" : safe(String.valueOf(v)));
        }
        return sb.toString();
    }

    private static String safe(String v) {
        StringBuilder sb = new StringBuilder();
        for (char c : v.toCharArray()) sb.append(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' ? c : '_');
        return sb.toString();
    }

    /** A row rule with its columns' positions looked up once (-1: not a column of the contract, so null). */
    private record BoundRule(RowRule rule, int whenLeft, int whenRight, int checkLeft, int checkRight) {
        Boolean when(Object[] parsed) {
            return RowRule.evaluate(rule.when(), at(parsed, whenLeft), side(rule.when(), parsed, whenRight));
        }

        Boolean check(Object[] parsed) {
            return RowRule.evaluate(rule.check(), at(parsed, checkLeft), side(rule.check(), parsed, checkRight));
        }

        private static Object at(Object[] parsed, int i) {
            return i < 0 ? null : parsed[i];
        }

        private static Object side(RowRule.Condition c, Object[] parsed, int i) {
            return c.rightColumn() != null ? at(parsed, i) : c.rightLiteral();
        }
    }

    private BoundRule bind(RowRule r) {
        RowRule.Condition w = r.when();
        RowRule.Condition c = r.check();
        return new BoundRule(r, w == null ? -1 : index(w.left()), w == null ? -1 : index(w.rightColumn()),
                index(c.left()), index(c.rightColumn()));
    }

    private int index(String column) {
        Integer i = column == null ? null : colIndex.get(column);
        return i == null ? -1 : i;
    }

    RowError error(SourceRow row, int col, String value, String rule, String message) {
        if (col < 0) return new RowError(fileName, sheet, row.row(), "(row)", "", "", rule, message);
        ColumnSpec c = cols.get(col);
        int src = header.columns()[col];
        String where = src >= 0 ? header.labels()[col] + " (column " + HeaderMap.letter(src) + ")" : "(absent)";
        if (c.privacy().isPersonal() && value != null && !value.isBlank()) message = message.replace(value.strip(), "[hidden]");
        return new RowError(fileName, sheet, row.row(), c.name(), where, mask(c, value), rule, message);
    }

    RowError cellError(SourceRow row, int src, String header, String rule, String message) {
        String value = row.cell(src);
        if (value != null && value.length() > 200) value = value.substring(0, 200) + "…";
        return new RowError(fileName, sheet, row.row(), header, header + " (column " + HeaderMap.letter(src) + ")",
                value == null ? "" : value, rule, message);
    }

    /** Personal values never reach a report: only their length is shown. */
    static String mask(ColumnSpec c, String value) {
        if (value == null || value.isBlank()) return "";
        if (c.privacy().isPersonal()) return "[personal value hidden, " + value.strip().length() + " characters]";
        return value.length() > 200 ? value.substring(0, 200) + "…" : value;
    }

    private static List<RowError> add(List<RowError> list, RowError e) {
        if (list == null) list = new ArrayList<>(2);
        list.add(e);
        return list;
    }
}
