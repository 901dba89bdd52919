-- Measure query: open cases at the month end, cases started and closed in the month, and the
-- therapist FTE, by site and for all the measured sites together (site_id ALL_SITES: the FTE of the
-- sites open at the month end). Serves the measures open_cases and caseload (reports/metrics.yml).
-- requires: [referral, case_closure, site]
WITH c AS (
    SELECT site_id,
           count(*) FILTER (WHERE open_at(start_date, end_date, getvariable('month_end'))) AS open_cases,
           count(*) FILTER (WHERE start_date BETWEEN getvariable('month_start') AND getvariable('month_end')) AS started,
           count(*) FILTER (WHERE end_date BETWEEN getvariable('month_start') AND getvariable('month_end')) AS closed
    FROM stg_case
    WHERE measured(site_id)
    GROUP BY site_id
),
s AS (
    SELECT site_id, max(therapists_fte) AS fte,
           bool_or(closed_on IS NULL OR closed_on > getvariable('month_end')) AS running
    FROM site
    WHERE measured(site_id)
    GROUP BY site_id
),
j AS (
    SELECT coalesce(c.site_id, s.site_id) AS site_id, coalesce(c.open_cases, 0) AS open_cases,
           coalesce(c.started, 0) AS started, coalesce(c.closed, 0) AS closed, s.fte, s.running
    FROM c FULL JOIN s ON s.site_id = c.site_id
)
SELECT CASE WHEN grouping(site_id) = 1 THEN 'ALL_SITES' ELSE site_id END AS site_id,
       'month' AS period,
       sum(open_cases) AS open_cases,
       sum(started) AS started,
       sum(closed) AS closed,
       CASE WHEN grouping(site_id) = 1 THEN sum(fte) FILTER (WHERE running) ELSE sum(fte) END AS therapists_fte
FROM j
GROUP BY GROUPING SETS ((site_id), ());
