-- Measure query: follow-ups due against those recorded, at 6, 12 and 18 months after discharge, up to the
-- month end (all years), by site and for all the measured sites together (site_id ALL_SITES). A follow-up
-- at N months is due for a closed case (stg_closure) when its discharge date + N months is on or before
-- the month end; it is recorded when the case has a follow-up row at N months dated on or before the
-- month end (or undated). Serves follow_ups_6, follow_ups_12 and follow_ups_18 (reports/metrics.yml).
-- requires: [case_closure, referral, follow_up]
WITH due AS (
    SELECT c.site_id, n.months,
           EXISTS (SELECT 1 FROM follow_up f
                   WHERE f.site_id = c.site_id AND f.case_key = c.case_key AND f.months = n.months
                     AND (f.follow_up_date IS NULL OR f.follow_up_date <= getvariable('month_end'))) AS recorded
    FROM stg_closure c, (VALUES (6), (12), (18)) AS n(months)
    WHERE measured(c.site_id)
      AND c.end_date + to_months(n.months) <= getvariable('month_end')
)
SELECT CASE WHEN grouping(site_id) = 1 THEN 'ALL_SITES' ELSE site_id END AS site_id,
       'to date' AS period,
       count(*) FILTER (WHERE months = 6) AS due_6,
       count(*) FILTER (WHERE months = 6 AND recorded) AS recorded_6,
       count(*) FILTER (WHERE months = 12) AS due_12,
       count(*) FILTER (WHERE months = 12 AND recorded) AS recorded_12,
       count(*) FILTER (WHERE months = 18) AS due_18,
       count(*) FILTER (WHERE months = 18 AND recorded) AS recorded_18
FROM due
GROUP BY GROUPING SETS ((site_id), ());
