package org.sightline.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.sightline.ingest.read.SheetReader;
import org.sightline.ingest.read.SourceFile;
import org.sightline.ingest.read.SourceRow;
import org.sightline.contract.Contract;
import org.sightline.contract.ColumnSpec;

/**
 * Decides which dataset each sheet of a file holds, from its header: every contract is scored (the
 * source columns it matches); one whose required columns are all present, with at least two columns
 * matched, is a candidate, and the one matching most columns wins. A tie is an error naming both,
 * never a guess. A sheet that fits a table Sightline knows but does not load ({@link KnownTables})
 * at least as well as the best contract is refused by that table's name.
 */
public final class DatasetDetector {

    /** A sheet bound to a dataset, or the reason it could not be. */
    public record Match(String sheet, Contract contract, HeaderMap header, String problem) {}

    private final Map<String, Contract> contracts;
    private final Map<String, HeaderMatcher> matchers = new java.util.HashMap<>();
    private final KnownTables known;

    public DatasetDetector(Map<String, Contract> contracts) {
        this(contracts, KnownTables.NONE);
    }

    public DatasetDetector(Map<String, Contract> contracts, KnownTables known) {
        this.contracts = contracts;
        this.known = known;
        contracts.forEach((name, c) -> matchers.put(name, new HeaderMatcher(c)));
    }

    public static List<SourceRow> leadingRows(SourceFile src, String sheet) throws IOException {
        List<SourceRow> rows = new ArrayList<>();
        try (SheetReader r = src.open(sheet)) {
            SourceRow row;
            while (rows.size() < HeaderMatcher.SCAN_ROWS && (row = r.next()) != null) rows.add(row);
        }
        return rows;
    }

    /** Matches for a file; with {@code dataset} given, only that contract and its preferred sheet. */
    public List<Match> detect(SourceFile src, String dataset) throws IOException {
        List<String> sheets = src.sheets();
        List<Match> out = new ArrayList<>();
        if (dataset != null) {
            Contract c = contracts.get(dataset);
            if (c == null) throw new IllegalArgumentException("no dataset named '" + dataset + "'; known: " + String.join(", ", contracts.keySet()));
            List<String> order = preferred(sheets, c);
            Match best = null;
            for (String sheet : order) {
                List<SourceRow> leading = leadingRows(src, sheet);
                HeaderMap h = matchers.get(dataset).match(leading);
                KnownTables.Hit hit = known.best(leading);
                if (hit != null && (h == null || hit.score() > h.matchedCount())) {
                    // even when named: a table that is plainly another one is never filed as this dataset
                    Match m = new Match(sheet, null, null, hit.refusal());
                    if (best == null || best.header() == null) best = m;
                    continue;
                }
                Match m = new Match(sheet, c, h, h == null ? "no header for " + dataset + " found in the first " + HeaderMatcher.SCAN_ROWS + " rows" : problem(c, h));
                if (m.problem() == null) return List.of(m);
                if (best == null || (h != null && (best.header() == null || h.matchedCount() > best.header().matchedCount()))) best = m;
            }
            out.add(best);
            return out;
        }
        for (String sheet : sheets) {
            List<SourceRow> leading = leadingRows(src, sheet);
            Match winner = null;
            Match closest = null;
            Match tie = null;
            for (Contract c : contracts.values()) {
                HeaderMap h = matchers.get(c.dataset()).match(leading);
                if (h == null) continue;
                if (h.usable() && h.matchedCount() >= 2) {
                    if (winner == null || h.matchedCount() > winner.header().matchedCount()) {
                        winner = new Match(sheet, c, h, null);
                        tie = null;
                    } else if (h.matchedCount() == winner.header().matchedCount()) {
                        tie = new Match(sheet, c, h, null);
                    }
                } else if (closest == null || h.matchedCount() > closest.header().matchedCount()) {
                    closest = new Match(sheet, c, h, problem(c, h));
                }
            }
            KnownTables.Hit hit = known.best(leading);
            if (hit != null && (winner == null || hit.score() >= winner.header().matchedCount())) {
                out.add(new Match(sheet, null, null, hit.refusal()));
            } else if (winner != null && tie != null) {
                out.add(new Match(sheet, null, null, "the header fits " + winner.contract().dataset() + " and " + tie.contract().dataset()
                        + " equally well (" + winner.header().matchedCount() + " columns each); name one with --dataset"));
            } else if (winner != null) {
                out.add(winner);
            } else if (closest != null && closest.header().matchedCount() >= 2) {
                out.add(new Match(sheet, closest.contract(), closest.header(), "looks like " + closest.contract().dataset() + " but " + closest.problem()));
            } else {
                out.add(new Match(sheet, null, null, "no known dataset's header found in the first " + HeaderMatcher.SCAN_ROWS + " rows"));
            }
        }
        return out;
    }

    static String problem(Contract c, HeaderMap h) {
        if (!h.ambiguous().isEmpty()) return "a header could be either of two columns: " + String.join("; ", h.ambiguous());
        if (!h.duplicates().isEmpty()) return "a column appears twice: " + String.join("; ", h.duplicates());
        if (!h.missing().isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (String m : h.missing()) {
                ColumnSpec col = c.column(m);
                parts.add(m + (col.headers().isEmpty() ? "" : " (headers accepted: " + String.join(", ", col.headers()) + ")"));
            }
            return "required column(s) missing in the header at row " + h.headerRow() + ": " + String.join("; ", parts);
        }
        return null;
    }

    private static List<String> preferred(List<String> sheets, Contract c) {
        List<String> out = new ArrayList<>();
        for (String want : c.sheets()) {
            for (String s : sheets) {
                if (s != null && s.toLowerCase(Locale.ROOT).equals(want.toLowerCase(Locale.ROOT)) && !out.contains(s)) out.add(s);
            }
        }
        for (String s : sheets) if (!out.contains(s)) out.add(s);
        return out;
    }
}
