package org.sightline.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.sightline.ingest.read.SourceRow;
import org.sightline.contract.ColumnSpec;
import org.sightline.contract.Contract;
import org.sightline.contract.Names;

/**
 * Finds a contract's header in the first rows of a sheet, below any title rows, by header aliases
 * (never by position). A header cell under a merged group heading also matches as
 * "group heading + cell", so two-row headers work.
 *
 * <p>A cell matches a contract column in the first of three ways that works, each tried for every
 * cell before the next:
 * <ol>
 * <li><b>exact alias</b>: the cell, case and punctuation aside ({@link Names#key}), is the column's
 *     name or one of its {@code headers} (or a local alias, {@code jobs/local/aliases.yml});</li>
 * <li><b>normalised</b>: the same once the words a publisher adds are dropped from both sides
 *     ({@code _grade}, {@code _date}, {@code _code}, a date format such as {@code (dd/mm/yyyy)}):
 *     {@code impact_of_leaders_grade} is {@code impact_of_leaders};</li>
 * <li><b>token match</b>: every word of an alias of two or more words (publisher words included) is
 *     among the cell's words ({@code Local authority (LA) name} holds {@code local authority name};
 *     {@code Local authority status} does not hold {@code local authority code}), the longest alias winning.</li>
 * </ol>
 * A cell that the normalised or token rule would give to two contract columns is never guessed:
 * it is an ambiguity, naming both, and the header is not usable. A cell that matches nothing is
 * reported as ignored, with the contract column it shares words with ("did you mean").
 */
public final class HeaderMatcher {

    public static final int SCAN_ROWS = 30;

    /** How a source column was matched. */
    public enum How {
        EXACT("exact alias"), NORMALISED("normalised"), TOKEN("token match");

        private final String label;

        How(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Words publishers add to a column's name that do not change what it holds. */
    static final Set<String> PUBLISHER_WORDS = Set.of("grade", "date", "code");
    /** Words that carry no meaning on their own for token matching. */
    static final Set<String> STOP_WORDS = Set.of("of", "the", "and", "a", "an", "for", "to", "at", "on", "by", "or");
    /** A date format annotation: (dd/mm/yyyy), [yyyy-mm-dd], (DD.MM.YY). */
    private static final Pattern DATE_FORMAT = Pattern.compile("[(\\[]\\s*[dmy]{1,4}([/\\-. ][dmy]{1,4}){1,2}\\s*[)\\]]", Pattern.CASE_INSENSITIVE);

    private final Contract contract;
    private final Map<String, Integer> aliasToColumn = new HashMap<>();
    private final Map<String, Set<Integer>> normalisedToColumns = new HashMap<>();
    /** Per alias: its significant words and its column. */
    private final List<Map.Entry<Set<String>, Integer>> tokenAliases = new ArrayList<>();
    /** Per column: every word of its name and aliases (for "did you mean"). */
    private final List<Set<String>> columnWords = new ArrayList<>();

    public HeaderMatcher(Contract contract) {
        this.contract = contract;
        contract.checkHeaderAliases();
        List<ColumnSpec> cols = contract.columns();
        for (int i = 0; i < cols.size(); i++) {
            ColumnSpec c = cols.get(i);
            columnWords.add(new LinkedHashSet<>());
            register(c.name(), i);
            for (String h : c.headers()) register(h, i);
        }
    }

    private void register(String alias, int column) {
        aliasToColumn.putIfAbsent(Names.key(alias), column);   // no clash: checkHeaderAliases ran first
        normalisedToColumns.computeIfAbsent(normalised(alias), k -> new TreeSet<>()).add(column);
        Set<String> words = tokenWords(alias);
        if (!words.isEmpty()) tokenAliases.add(Map.entry(words, column));
        columnWords.get(column).addAll(significant(alias));
    }

    public Contract contract() {
        return contract;
    }

    /** A header's key without the words a publisher adds (kept when nothing else is left). */
    static String normalised(String header) {
        List<String> words = Names.tokens(DATE_FORMAT.matcher(header).replaceAll(" "));
        List<String> kept = new ArrayList<>();
        for (String w : words) if (!PUBLISHER_WORDS.contains(w)) kept.add(w);
        return String.join("", kept.isEmpty() ? words : kept);
    }

    /** A header's meaningful words: without publisher and stop words (all but stop words when that leaves none). */
    static Set<String> significant(String header) {
        List<String> words = Names.tokens(DATE_FORMAT.matcher(header).replaceAll(" "));
        Set<String> out = new TreeSet<>();
        for (String w : words) if (!PUBLISHER_WORDS.contains(w) && !STOP_WORDS.contains(w)) out.add(w);
        if (out.isEmpty()) for (String w : words) if (!STOP_WORDS.contains(w)) out.add(w);
        return out;
    }

    /**
     * A header's words for token matching: all but stop words. Publisher words are kept here, so that
     * "local authority code" is not found in "Local authority status" (the normalised rule already
     * matches a header that differs only by them).
     */
    static Set<String> tokenWords(String header) {
        Set<String> out = new TreeSet<>();
        for (String w : Names.tokens(DATE_FORMAT.matcher(header).replaceAll(" "))) if (!STOP_WORDS.contains(w)) out.add(w);
        return out;
    }

    /** The best header among the given leading rows; null when no row matches any column. */
    public HeaderMap match(List<SourceRow> leading) {
        HeaderMap best = null;
        String[] carried = new String[0];
        for (int r = 0; r < leading.size(); r++) {
            SourceRow row = leading.get(r);
            HeaderMap m = matchRow(row, r + 1, carried);
            if (m != null && (best == null || m.matchedCount() > best.matchedCount())) best = m;
            carried = carryForward(row.cells());
        }
        return best;
    }

    private HeaderMap matchRow(SourceRow row, int rowsBefore, String[] parent) {
        int n = contract.columns().size();
        int[] columns = new int[n];
        String[] labels = new String[n];
        String[] how = new String[n];
        Arrays.fill(columns, -1);
        List<String> duplicates = new ArrayList<>();
        List<String> ambiguous = new ArrayList<>();
        String[] cells = row.cells();
        boolean[] used = new boolean[cells.length];
        int matched = 0;
        // 1. exact aliases
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i];
            if (cell == null || cell.isBlank()) continue;
            Integer col = aliasToColumn.get(Names.key(cell));
            if (col == null && i < parent.length && parent[i] != null) {
                col = aliasToColumn.get(Names.key(parent[i] + " " + cell));
            }
            if (col == null) continue;
            used[i] = true;
            if (columns[col] >= 0) {
                duplicates.add(contract.columns().get(col).name() + " (columns " + HeaderMap.letter(columns[col]) + " and " + HeaderMap.letter(i) + ")");
                continue;
            }
            columns[col] = i;
            labels[col] = cell.strip();
            how[col] = How.EXACT.label();
            matched++;
        }
        // 2. normalised (publisher words dropped), 3. tokens: only onto columns still unmatched
        for (How tier : new How[] {How.NORMALISED, How.TOKEN}) {
            boolean[] takenThisTier = new boolean[n];
            for (int i = 0; i < cells.length; i++) {
                String cell = cells[i];
                if (used[i] || cell == null || cell.isBlank()) continue;
                Set<Integer> candidates = tier == How.NORMALISED ? normalisedCandidates(cell) : tokenCandidates(cell);
                candidates.removeIf(c -> columns[c] >= 0 && !takenThisTier[c]);
                if (candidates.isEmpty()) continue;
                used[i] = true;
                if (candidates.size() > 1) {
                    List<String> names = new ArrayList<>();
                    for (int c : candidates) names.add(contract.columns().get(c).name());
                    ambiguous.add("'" + cell.strip() + "' (column " + HeaderMap.letter(i) + ") could be " + String.join(" or ", names)
                            + " (" + tier.label() + "); name it in jobs/local/aliases.yml");
                    continue;
                }
                int col = candidates.iterator().next();
                if (columns[col] >= 0) {
                    duplicates.add(contract.columns().get(col).name() + " (columns " + HeaderMap.letter(columns[col]) + " and " + HeaderMap.letter(i) + ")");
                    continue;
                }
                columns[col] = i;
                labels[col] = cell.strip();
                how[col] = tier.label();
                takenThisTier[col] = true;
                matched++;
            }
        }
        if (matched == 0) return null;
        List<String> unknown = new ArrayList<>();
        List<HeaderMap.Ignored> ignored = new ArrayList<>();
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i];
            if (used[i] || cell == null || cell.isBlank()) continue;
            unknown.add(cell.strip());
            ignored.add(new HeaderMap.Ignored(cell.strip(), HeaderMap.letter(i), didYouMean(cell, columns)));
        }
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            if (columns[c] < 0 && contract.columns().get(c).required()) missing.add(contract.columns().get(c).name());
        }
        return new HeaderMap(row.row(), rowsBefore, columns, labels, List.copyOf(unknown), List.copyOf(missing), List.copyOf(duplicates),
                how, List.copyOf(ambiguous), List.copyOf(ignored));
    }

    private Set<Integer> normalisedCandidates(String cell) {
        Set<Integer> s = normalisedToColumns.get(normalised(cell));
        return s == null ? new TreeSet<>() : new TreeSet<>(s);
    }

    /** Columns with an alias whose words (two or more, or all of the cell's) are all in the cell: the longest such alias wins. */
    private Set<Integer> tokenCandidates(String cell) {
        Set<String> words = tokenWords(cell);
        Set<Integer> best = new TreeSet<>();
        int bestSize = 0;
        for (Map.Entry<Set<String>, Integer> a : tokenAliases) {
            Set<String> alias = a.getKey();
            if (!words.containsAll(alias) || (alias.size() < 2 && !alias.equals(words))) continue;
            if (alias.size() > bestSize) {
                best.clear();
                bestSize = alias.size();
            }
            if (alias.size() == bestSize) best.add(a.getValue());
        }
        return best;
    }

    /** The contract column sharing most words with an ignored header, preferring one not yet matched; null when none shares any. */
    private String didYouMean(String cell, int[] columns) {
        Set<String> words = significant(cell);
        String best = null;
        int bestScore = 0;
        for (int c = 0; c < columnWords.size(); c++) {
            int common = 0;
            for (String w : columnWords.get(c)) if (words.contains(w)) common++;
            if (common == 0) continue;
            int score = common * 2 + (columns[c] < 0 ? 1 : 0);
            if (score > bestScore) {
                bestScore = score;
                best = contract.columns().get(c).name();
            }
        }
        return best;
    }

    /** A row's values carried right across blank cells: merged group headings cover the cells after them. */
    private static String[] carryForward(String[] cells) {
        String[] out = new String[cells.length];
        String last = null;
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] != null && !cells[i].isBlank()) last = cells[i];
            out[i] = last;
        }
        return out;
    }
}
