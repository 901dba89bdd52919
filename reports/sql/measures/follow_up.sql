-- Measure query: twelve-month follow-ups recorded up to the month end (all years), by site and for all
-- the measured sites together (site_id ALL_SITES): how many record whether the young person entered
-- care since discharge, and how many had not. Serves not_in_care (reports/metrics.yml).
-- requires: [follow_up]
SELECT CASE WHEN grouping(site_id) = 1 THEN 'ALL_SITES' ELSE site_id END AS site_id,
       'to date' AS period,
       count(entered_care) AS not_in_care_12_recorded,
       count(*) FILTER (WHERE NOT entered_care) AS not_in_care_12
FROM follow_up
WHERE measured(site_id)
  AND months = 12
  AND (follow_up_date IS NULL OR follow_up_date <= getvariable('month_end'))
GROUP BY GROUPING SETS ((site_id), ());
