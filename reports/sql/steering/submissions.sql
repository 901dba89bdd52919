-- title: Returns received for this month
-- definition: A month's return arrives during the following month. For each dataset the site sends
--   (jobs/expected-submissions.yml), as `sightline status` judges it: the files received for the
--   return, when the first arrived, the site's rows now in the lake and the rows its files had
--   rejected, and the status. On time: received by the due date (the Nth working day of the following
--   month, less jobs/holidays.yml); Late: received after it; Failed: files came but none loaded;
--   Missing: nothing received and the due date has passed; Not yet due: nothing yet, the due date
--   still ahead; Not expected: the month is outside the site's from/until. Shared files (site
--   register, LA reference, published statistics) are listed when they arrived in the same month.
-- requires: []
-- columns:
--   dataset:       {label: Dataset}
--   files:         {label: Files, kind: decimal, format: "0"}
--   received:      {label: First received, kind: date}
--   rows_in_lake:  {label: Rows in the lake, kind: count}
--   rows_rejected: {label: Rows rejected, kind: decimal, format: "#,##0"}
--   due:           {label: Due, kind: date}
--   status:        {label: Status}
WITH s AS (
    SELECT * FROM sightline_submission WHERE site_id = getvariable('site')
),
shared AS (
    SELECT dataset,
           count(DISTINCT source_file) AS files,
           CAST(min(received_at) AS DATE) AS received,
           sum(rows_loaded) AS rows_loaded,
           sum(rows_rejected) AS rows_rejected
    FROM sightline_ingest
    WHERE (site_id IS NULL OR site_id = getvariable('site'))
      AND dataset NOT IN (SELECT dataset FROM s)
      AND CAST(received_at AS DATE) BETWEEN CAST(getvariable('month_start') + INTERVAL 1 MONTH AS DATE)
                                        AND last_day(CAST(getvariable('month_start') + INTERVAL 1 MONTH AS DATE))
      AND received_at <= getvariable('as_of')
    GROUP BY dataset
)
SELECT s.title AS dataset, s.files, s.first_received AS received, s.rows_in_lake, s.rows_rejected, s.due_date AS due,
       CASE s.state WHEN 'ON_TIME' THEN 'On time' WHEN 'LATE' THEN 'Late' WHEN 'FAILED' THEN 'Failed'
                    WHEN 'DUE' THEN 'Not yet due' WHEN 'MISSING' THEN 'Missing' WHEN 'NOT_EXPECTED' THEN 'Not expected'
                    ELSE s.state END AS status
FROM s
UNION ALL
SELECT coalesce(t.title, sh.dataset), sh.files, sh.received, sh.rows_loaded, sh.rows_rejected, NULL, 'Received (shared)'
FROM shared sh LEFT JOIN sightline_dataset t ON t.dataset = sh.dataset
ORDER BY due NULLS LAST, dataset;
