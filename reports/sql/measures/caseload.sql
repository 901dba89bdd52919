-- Measure query: open cases at the end of the period, cases started and closed in it, and the
-- therapist FTE, by site and period (report_periods(): the month, the twelve months, and each earlier
-- month for the cover's trend), and for all the measured sites together (site_id ALL_SITES: the FTE of
-- the sites open at the period end). Serves the measures open_cases and caseload (reports/metrics.yml).
-- requires: [referral, case_closure, site]
WITH c AS (
    SELECT o.site_id, p.period,
           count(*) FILTER (WHERE open_at(o.start_date, o.end_date, p.period_end)) AS open_cases,
           count(*) FILTER (WHERE o.start_date BETWEEN p.period_start AND p.period_end) AS started,
           count(*) FILTER (WHERE o.end_date BETWEEN p.period_start AND p.period_end) AS closed
    FROM report_periods() p
    JOIN stg_case o ON open_during(o.start_date, o.end_date, p.period_start, p.period_end)
                    OR o.start_date BETWEEN p.period_start AND p.period_end
                    OR o.end_date BETWEEN p.period_start AND p.period_end
    WHERE measured(o.site_id)
    GROUP BY o.site_id, p.period
),
s AS (
    SELECT f.site_id, p.period, max(f.therapists_fte) AS fte,
           bool_or(f.closed_on IS NULL OR f.closed_on > p.period_end) AS running
    FROM site f, report_periods() p
    WHERE measured(f.site_id)
    GROUP BY f.site_id, p.period
),
j AS (
    SELECT coalesce(c.site_id, s.site_id) AS site_id, coalesce(c.period, s.period) AS period,
           coalesce(c.open_cases, 0) AS open_cases,
           coalesce(c.started, 0) AS started, coalesce(c.closed, 0) AS closed, s.fte, s.running
    FROM c FULL JOIN s ON s.site_id = c.site_id AND s.period = c.period
)
SELECT CASE WHEN grouping(site_id) = 1 THEN 'ALL_SITES' ELSE site_id END AS site_id,
       period,
       sum(open_cases) AS open_cases,
       sum(started) AS started,
       sum(closed) AS closed,
       CASE WHEN grouping(site_id) = 1 THEN sum(fte) FILTER (WHERE running) ELSE sum(fte) END AS therapists_fte
FROM j
GROUP BY GROUPING SETS ((period, site_id), (period));
