-- Measure query: cases closed in the period (stg_closure), by site and period, and for all the
-- measured sites together (site_id ALL_SITES): days in treatment, the ultimate outcomes at discharge
-- (each with the closures that record it), edge of care, and the cost-benefit estimate with each
-- site's assumptions (site_target, from jobs/targets.yml). Serves edge_of_care, length, at_home,
-- in_school, no_offence and froi (reports/metrics.yml).
-- requires: [case_closure, referral]
SELECT CASE WHEN grouping(c.site_id) = 1 THEN 'ALL_SITES' ELSE c.site_id END AS site_id,
       p.period,
       count(*) AS closures,
       count(c.days_in_treatment) AS timed_closures,
       sum(c.days_in_treatment) AS days_in_treatment,
       count(*) FILTER (WHERE c.living_at_home) AS at_home,
       count(c.living_at_home) AS at_home_recorded,
       count(*) FILTER (WHERE c.in_education_or_work) AS in_school,
       count(c.in_education_or_work) AS in_school_recorded,
       count(*) FILTER (WHERE c.no_new_offence) AS no_offence,
       count(c.no_new_offence) AS no_offence_recorded,
       count(*) FILTER (WHERE coalesce(c.edge_of_care, false)) AS edge_of_care,
       sum(CASE WHEN coalesce(c.edge_of_care, false) THEN t.benefit_edge ELSE t.benefit_other END) AS benefits,
       sum(t.cost_per_case) AS delivery_cost
FROM report_periods() p
JOIN stg_closure c ON c.end_date BETWEEN p.period_start AND p.period_end
LEFT JOIN site_target t ON t.site_id = c.site_id
WHERE measured(c.site_id)
GROUP BY GROUPING SETS ((p.period, c.site_id), (p.period));
