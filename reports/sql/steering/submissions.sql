-- title: Returns received for this month
-- definition: A month's return arrives during the following month. For each dataset the site is
--   expected to send (jobs/expected-submissions.yml) and any other dataset received for it: the files
--   received (ingested) during the following month, the rows loaded and rejected, and the status. On
--   time: received by the due date (the Nth working day of the following month); Late: received
--   after it; Missing: nothing received and the due date has passed; Not yet due: nothing received
--   yet, the due date still ahead. Shared files (site register, LA reference, published statistics)
--   are listed when they arrived in the same month.
-- requires: []
-- columns:
--   dataset:       {label: Dataset}
--   files:         {label: Files, kind: decimal, format: "0"}
--   latest_file:   {label: Latest file, hidden: true}
--   received:      {label: Received, kind: date}
--   rows_loaded:   {label: Rows loaded, kind: count}
--   rows_rejected: {label: Rows rejected, kind: count}
--   due:           {label: Due, kind: date}
--   status:        {label: Status}
WITH i AS (
    SELECT *
    FROM sightline_ingest
    WHERE (site_id = getvariable('site') OR site_id IS NULL)
      AND CAST(received_at AS DATE) BETWEEN CAST(getvariable('month_start') + INTERVAL 1 MONTH AS DATE)
                                        AND last_day(CAST(getvariable('month_start') + INTERVAL 1 MONTH AS DATE))
      AND received_at <= getvariable('as_of')
),
got AS (
    SELECT dataset,
           count(*) AS files,
           arg_max(source_file, received_at) AS latest_file,
           CAST(max(received_at) AS DATE) AS received,
           sum(rows_loaded) AS rows_loaded,
           sum(rows_rejected) AS rows_rejected,
           bool_or(site_id IS NULL) AS shared
    FROM i
    GROUP BY dataset
),
e AS (SELECT * FROM sightline_expected WHERE site_id = getvariable('site'))
SELECT coalesce(e.title, t.title, coalesce(e.dataset, got.dataset)) AS dataset,
       coalesce(got.files, 0) AS files,
       got.latest_file,
       got.received,
       got.rows_loaded,
       got.rows_rejected,
       e.due_date AS due,
       CASE WHEN e.dataset IS NULL THEN (CASE WHEN got.shared THEN 'Received (shared)' ELSE 'Received (not expected)' END)
            WHEN got.dataset IS NOT NULL AND got.received <= e.due_date THEN 'On time'
            WHEN got.dataset IS NOT NULL THEN 'Late'
            WHEN CAST(getvariable('as_of') AS DATE) > e.due_date THEN 'Missing'
            ELSE 'Not yet due' END AS status
FROM e
FULL OUTER JOIN got ON got.dataset = e.dataset
LEFT JOIN sightline_dataset t ON t.dataset = coalesce(e.dataset, got.dataset)
ORDER BY e.ord NULLS LAST, dataset;
