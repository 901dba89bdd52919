-- Measure query: TAM-R interviews collected in the period (with a score) and the cases open in it, by
-- site and period, and for all the measured sites together (site_id ALL_SITES): interviews, their
-- score sum, those at or above the site's adherence threshold (site_target, from jobs/targets.yml),
-- open cases and open cases interviewed. Serves tam_r, at_threshold and collection (reports/metrics.yml).
-- requires: [fidelity_tam, referral, case_closure]
WITH t AS (
    SELECT f.site_id, p.period, f.case_key, f.adherence_score,
           f.adherence_score >= s.adherence_threshold AS adherent
    FROM report_periods() p
    JOIN fidelity_tam f ON f.collected_on BETWEEN p.period_start AND p.period_end
    LEFT JOIN site_target s ON s.site_id = f.site_id
    WHERE measured(f.site_id) AND f.adherence_score IS NOT NULL
),
interviews AS (
    SELECT site_id, period, count(*) AS interviews, sum(adherence_score) AS score_sum,
           count(*) FILTER (WHERE adherent) AS adherent
    FROM t
    GROUP BY site_id, period
),
open_cases AS (
    SELECT o.site_id, p.period, count(*) AS open_cases,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM t WHERE t.site_id = o.site_id AND t.period = p.period
                                                           AND t.case_key = o.case_key)) AS interviewed_cases
    FROM report_periods() p
    JOIN stg_case o ON open_during(o.start_date, o.end_date, p.period_start, p.period_end)
    WHERE measured(o.site_id)
    GROUP BY o.site_id, p.period
),
j AS (
    SELECT coalesce(i.site_id, o.site_id) AS site_id, coalesce(i.period, o.period) AS period,
           coalesce(i.interviews, 0) AS interviews, i.score_sum, coalesce(i.adherent, 0) AS adherent,
           coalesce(o.open_cases, 0) AS open_cases, coalesce(o.interviewed_cases, 0) AS interviewed_cases
    FROM interviews i
    FULL JOIN open_cases o ON o.site_id = i.site_id AND o.period = i.period
)
SELECT CASE WHEN grouping(site_id) = 1 THEN 'ALL_SITES' ELSE site_id END AS site_id,
       period,
       sum(interviews) AS interviews,
       sum(score_sum) AS score_sum,
       sum(adherent) AS adherent,
       sum(open_cases) AS open_cases,
       sum(interviewed_cases) AS interviewed_cases
FROM j
GROUP BY GROUPING SETS ((period, site_id), (period));
