-- title: Why rows were rejected
-- definition: Values rejected in the files received for this month's return (see the returns table), by dataset,
--   column and rule: the site's own files first, then shared files (LA reference, published statistics,
--   Ofsted workbooks); most frequent first (top 8). A row can be rejected for more than one value. The
--   rejects reports under <home>/rejects/ name every file, sheet, row and column.
-- requires: []
-- layout: text
-- empty: No values were rejected in the files received for this month.
-- columns:
--   dataset: {label: Dataset}
--   column_name: {label: Column}
--   reason:  {label: Reason}
--   rejected_values: {label: Values rejected, kind: decimal, format: "#,##0"}
WITH i AS (
    SELECT run_id, dataset, site_id IS NULL AS shared
    FROM sightline_ingest
    WHERE (site_id = getvariable('site') OR site_id IS NULL)
      AND CAST(received_at AS DATE) BETWEEN CAST(getvariable('month_start') + INTERVAL 1 MONTH AS DATE)
                                        AND last_day(CAST(getvariable('month_start') + INTERVAL 1 MONTH AS DATE))
      AND received_at <= getvariable('as_of')
)
SELECT coalesce(t.title, r.dataset) AS dataset,
       r.column_name,
       CASE r.rule
         WHEN 'required' THEN 'A required value is blank'
         WHEN 'code' THEN 'Not one of the allowed codes'
         WHEN 'date_impossible' THEN 'A date that does not exist'
         WHEN 'date_ambiguous' THEN 'A month-first date (dates must be day-first)'
         WHEN 'date' THEN 'Not a date'
         WHEN 'integer' THEN 'Not a whole number'
         WHEN 'decimal' THEN 'Not a number'
         WHEN 'boolean' THEN 'Not yes/no'
         WHEN 'range' THEN 'Outside the allowed range'
         WHEN 'pattern' THEN 'Not in the expected format'
         WHEN 'duplicate' THEN 'Duplicate of another row'
         ELSE 'Rule failed: ' || replace(r.rule, '_', ' ') END AS reason,
       count(*) AS rejected_values
FROM sightline_reject r
JOIN i ON i.run_id = r.run_id
LEFT JOIN sightline_dataset t ON t.dataset = r.dataset
GROUP BY ALL
ORDER BY bool_and(i.shared), rejected_values DESC, dataset, column_name
LIMIT 8;
