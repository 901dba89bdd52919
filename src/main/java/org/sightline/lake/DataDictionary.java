package org.sightline.lake;

import java.util.Map;

import org.sightline.contract.ColumnSpec;
import org.sightline.contract.Contract;
import org.sightline.contract.RowRule;

/** Generates {@code docs/data-dictionary.md} from the contracts, so the documentation cannot drift. */
public final class DataDictionary {
    private DataDictionary() {}

    public static String markdown(Map<String, Contract> contracts) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Sightline data dictionary\n\n");
        sb.append("Generated from the dataset contracts in `jobs/contracts/` by `./sightline dictionary`; do not edit by hand.\n");
        sb.append("Every dataset also carries the lineage columns ");
        sb.append(String.join(", ", LakeSchema.LINEAGE.stream().map(s -> "`" + s + "`").toList()));
        sb.append(" (source file name, its SHA-256, sheet, row, ingest run id, ingested-at).\n");
        sb.append("Units: shares and scores are fractions 0-1 (TAM-R and SAM adherence included), not the 0-100 percentages DfE publishes;\n");
        sb.append("the `unit` column says so where a column has one. The same descriptions and units are on the DuckDB views\n");
        sb.append("(`SELECT column_name, comment FROM duckdb_columns() WHERE table_name = 'referral'`).\n\n");
        for (Contract c : contracts.values()) {
            sb.append("## `").append(c.dataset()).append("` — ").append(c.title()).append("\n\n");
            if (!c.description().isEmpty()) sb.append(c.description()).append("\n\n");
            if (!c.grain().isEmpty()) sb.append("- Grain: ").append(c.grain()).append('\n');
            sb.append("- Load mode: `").append(c.loadMode().name().toLowerCase()).append('`');
            if (c.loadMode() == Contract.LoadMode.REPLACE) {
                sb.append(c.scope().isEmpty() ? " (a new file replaces the whole dataset)" : " (a new file replaces the snapshot for its " + String.join(", ", c.scope()) + ")");
            }
            sb.append('\n');
            if (!c.naturalKey().isEmpty()) sb.append("- Natural key: ").append(String.join(", ", c.naturalKey())).append('\n');
            if (!c.partitionBy().isEmpty()) sb.append("- Partitioned by: ").append(String.join(", ", c.partitionBy())).append('\n');
            if (!c.loadAfter().isEmpty()) sb.append("- Loaded after (in one run): ").append(String.join(", ", c.loadAfter())).append('\n');
            if (c.hook() != null && c.output().isEmpty()) sb.append("- Hook: `").append(c.hook()).append("` (what the contract cannot say; see its description)\n");
            sb.append("- Files are refused when more than ").append(Math.round(c.maxRejectShare() * 100)).append("% of rows are rejected\n\n");
            if (!c.output().isEmpty()) {
                sb.append("Lake columns (built from the source columns below by the `").append(c.hook()).append("` hook):\n\n");
                sb.append("| column in the lake | type | unit | description |\n|---|---|---|---|\n");
                for (Contract.OutputColumn o : c.output()) {
                    sb.append("| `").append(o.name()).append("` | ").append(LakeSchema.duckType(o.type())).append(" | ").append(esc(unit(c.dataset(), o.name())))
                            .append(" | ").append(esc(o.description())).append(" |\n");
                }
                sb.append("\nSource columns:\n\n");
            }
            sb.append("| column in the lake | type | unit | required | from source column | privacy | header aliases | allowed values | description |\n");
            sb.append("|---|---|---|---|---|---|---|---|---|\n");
            for (ColumnSpec col : c.columns()) {
                String stored = col.storedName() == null ? "*(not stored)*" : "`" + col.storedName() + "`";
                String type = col.storedName() == null ? "" : LakeSchema.duckType(col.storedType());
                String privacy = switch (col.privacy()) {
                    case NONE -> "";
                    case DROP -> "dropped";
                    case PSEUDONYMISE -> "pseudonymised (HMAC-SHA256)";
                    case PSEUDONYMISE_CHILD_ID -> "LA child ID, normalised and pseudonymised (HMAC-SHA256)";
                    case BIRTH_MONTH -> "month only";
                    case AGE_AT -> "age in years at " + col.event();
                    case POSTCODE_SECTOR -> "postcode sector";
                };
                StringBuilder rules = new StringBuilder();
                if (col.isCoded()) rules.append(String.join(", ", col.codes().keySet()));
                if (col.min() != null) rules.append(rules.length() > 0 ? "; " : "").append("min ").append(col.min());
                if (col.max() != null) rules.append(rules.length() > 0 ? "; " : "").append("max ").append(col.max().equals(java.time.LocalDate.now()) ? "today" : col.max());
                if (col.pattern() != null) rules.append(rules.length() > 0 ? "; " : "").append("pattern `").append(col.pattern().pattern()).append('`');
                sb.append("| ").append(stored)
                        .append(" | ").append(type)
                        .append(" | ").append(col.storedName() == null ? "" : esc(unit(c.dataset(), col.storedName())))
                        .append(" | ").append(col.required() ? "yes" : "")
                        .append(" | `").append(col.name()).append('`')
                        .append(" | ").append(privacy)
                        .append(" | ").append(esc(String.join(", ", col.headers())))
                        .append(" | ").append(esc(rules.toString()))
                        .append(" | ").append(esc(col.description()))
                        .append(" |\n");
            }
            if (!c.rules().isEmpty()) {
                sb.append("\nRow rules:\n\n");
                for (RowRule r : c.rules()) {
                    sb.append("- `").append(r.name()).append("`: ")
                            .append(r.when() == null ? "" : "when " + r.when() + ", ")
                            .append(r.check()).append(" — ").append(r.message()).append('\n');
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * The unit of a numeric lake column, where it has one ("" otherwise), for this dictionary and the
     * views' column comments. Kept here until the contracts can say it themselves.
     */
    public static String unit(String dataset, String column) {
        String u = UNITS.get(dataset + "." + column);
        return u != null ? u : UNITS.getOrDefault(column, "");
    }

    private static final java.util.Map<String, String> UNITS = java.util.Map.ofEntries(
            java.util.Map.entry("adherence_score", "fraction 0-1, not a percentage (0.61 is the MST adherence threshold; sources sending 0-100 are divided by 100)"),
            java.util.Map.entry("items_answered", "items answered, of the TAM-R's 28"),
            java.util.Map.entry("age_at_referral", "whole years at the referral date"),
            java.util.Map.entry("months", "months after case closure (6, 12, 18 or 24)"),
            java.util.Map.entry("teams", "teams (one supervisor and 3-4 therapists each)"),
            java.util.Map.entry("therapists_fte", "full-time-equivalent therapists"),
            java.util.Map.entry("population_0_17", "children and young people aged 0-17 (ONS mid-year estimate)"),
            java.util.Map.entry("collection_year", "the year the SSDA903 collection ends (31 March)"),
            java.util.Map.entry("lac_statistic.value", "as in the row's unit column (a count, a rate per 10,000 children aged under 18, or a percentage 0-100 as DfE publishes it)"),
            java.util.Map.entry("source_row", "row number in the source file or sheet"));

    private static String esc(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
