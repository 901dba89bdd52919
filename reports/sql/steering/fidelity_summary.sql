-- title: Fidelity: therapist adherence (TAM-R)
-- definition: TAM-R interviews collected from caregivers in the month: how many, their mean adherence
--   score (0 to 1), and the share at or above the adherence threshold (the adherence target in
--   jobs/targets.yml). Collection rate: cases open at any time in the month with at least one TAM-R
--   interview collected in the month, out of all cases open in the month. The 12-month columns cover
--   interviews collected in the twelve months to the month end.
-- requires: [fidelity_tam, referral, case_closure]
-- layout: kv
-- columns:
--   interviews:        {label: Interviews this month, kind: count}
--   mean_score:        {label: Mean TAM-R this month, kind: mean, base: interviews, format: "0.00"}
--   at_threshold:      {label: At or above threshold, kind: percent, of: at_threshold, base: interviews}
--   collected_cases:   {label: Open cases interviewed, kind: count}
--   collection_rate:   {label: Collection rate, kind: percent, of: collected_cases, base: open_cases}
--   open_cases:        {label: Cases open in the month, kind: count}
--   interviews_12:     {label: Interviews in 12 months, kind: count}
--   mean_score_12:     {label: "Mean TAM-R, 12 months", kind: mean, base: interviews_12, format: "0.00"}
--   at_threshold_12:   {label: "At or above threshold, 12 months", kind: percent, of: at_threshold_12, base: interviews_12}
WITH m AS (SELECT * FROM measure_fidelity WHERE site_id = getvariable('site') AND period = 'month'),
    -- the counts are the measure query's (reports/sql/measures/fidelity.sql, left in measure_fidelity)
y AS (SELECT * FROM measure_fidelity WHERE site_id = getvariable('site') AND period = '12 months')
SELECT coalesce(m.interviews, 0) AS interviews,
       m.score_sum / nullif(m.interviews, 0) AS mean_score,
       coalesce(m.adherent, 0) AS at_threshold,
       coalesce(m.interviewed_cases, 0) AS collected_cases,
       coalesce(m.open_cases, 0) AS open_cases,
       coalesce(y.interviews, 0) AS interviews_12,
       y.score_sum / nullif(y.interviews, 0) AS mean_score_12,
       coalesce(y.adherent, 0) AS at_threshold_12
FROM (SELECT 1) AS one
LEFT JOIN m ON true
LEFT JOIN y ON true;
