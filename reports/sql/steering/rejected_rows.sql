-- title: Rows rejected in the site's files now in the lake
-- definition: For each dataset, the rows the site's files in the lake had rejected (all files received
--   by the time the pack is made, not only this month's): a rejected row is not in the lake, so every
--   figure read from that dataset may be off by it (a rejected closure leaves its case open, inflating
--   the caseload). The cover flags each tile whose measure reads a dataset listed here. Rows, not
--   children: not suppressed. The rejects reports under <home>/rejects/ name every file, sheet, row and
--   column.
-- requires: []
-- layout: text
-- empty: None of the site's files in the lake had rows rejected.
-- columns:
--   dataset_key:   {label: Dataset key, hidden: true}
--   dataset:       {label: Dataset}
--   files:         {label: Files with rejects, kind: decimal, format: "#,##0"}
--   rows_rejected: {label: Rows rejected, kind: decimal, format: "#,##0"}
SELECT i.dataset AS dataset_key,
       coalesce(t.title, i.dataset) AS dataset,
       count(*) AS files,
       sum(i.rows_rejected) AS rows_rejected
FROM sightline_ingest i
LEFT JOIN sightline_dataset t ON t.dataset = i.dataset
WHERE i.site_id = getvariable('site')
  AND i.received_at <= getvariable('as_of')
  AND i.rows_rejected > 0
GROUP BY ALL
ORDER BY rows_rejected DESC, dataset;
