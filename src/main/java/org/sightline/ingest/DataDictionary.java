package org.sightline.ingest;

import java.util.Map;

import org.sightline.lake.LakeSchema;

/** Generates {@code docs/data-dictionary.md} from the contracts, so the documentation cannot drift. */
public final class DataDictionary {
    private DataDictionary() {}

    public static String markdown(Map<String, Contract> contracts) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Sightline data dictionary\n\n");
        sb.append("Generated from the dataset contracts in `jobs/contracts/` by `./sightline dictionary`; do not edit by hand.\n");
        sb.append("Every dataset also carries the lineage columns ");
        sb.append(String.join(", ", LakeSchema.LINEAGE.stream().map(s -> "`" + s + "`").toList()));
        sb.append(" (source file name, its SHA-256, sheet, row, ingest run id, ingested-at).\n\n");
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
                sb.append("| column in the lake | type | description |\n|---|---|---|\n");
                for (Contract.OutputColumn o : c.output()) {
                    sb.append("| `").append(o.name()).append("` | ").append(LakeSchema.duckType(o.type())).append(" | ").append(esc(o.description())).append(" |\n");
                }
                sb.append("\nSource columns:\n\n");
            }
            sb.append("| column in the lake | type | required | from source column | privacy | header aliases | allowed values | description |\n");
            sb.append("|---|---|---|---|---|---|---|---|\n");
            for (ColumnSpec col : c.columns()) {
                String stored = col.storedName() == null ? "*(not stored)*" : "`" + col.storedName() + "`";
                String type = col.storedName() == null ? "" : LakeSchema.duckType(col.storedType());
                String privacy = switch (col.privacy()) {
                    case NONE -> "";
                    case DROP -> "dropped";
                    case PSEUDONYMISE -> "pseudonymised (HMAC-SHA256)";
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

    private static String esc(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
