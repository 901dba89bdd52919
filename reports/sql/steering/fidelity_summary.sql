-- title: Fidelity: therapist adherence (TAM-R)
-- definition: TAM-R interviews collected from caregivers in the month: how many, their mean adherence
--   score (0 to 1), and the share at or above the adherence threshold (0.61 unless jobs/targets.yml
--   says otherwise). Collection rate: cases open at any time in the month with at least one TAM-R
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
WITH t AS (
    SELECT case_key, collected_on, adherence_score
    FROM fidelity_tam
    WHERE site_id = getvariable('site')
      AND collected_on BETWEEN getvariable('window_start') AND getvariable('month_end')
      AND adherence_score IS NOT NULL
),
m AS (SELECT * FROM t WHERE collected_on >= getvariable('month_start')),
open_in_month AS (
    SELECT case_key FROM stg_case
    WHERE site_id = getvariable('site')
      AND start_date <= getvariable('month_end')
      AND (end_date IS NULL OR end_date >= getvariable('month_start'))
)
SELECT (SELECT count(*) FROM m) AS interviews,
       (SELECT avg(adherence_score) FROM m) AS mean_score,
       (SELECT count(*) FROM m WHERE adherence_score >= getvariable('adherence_threshold')) AS at_threshold,
       (SELECT count(DISTINCT o.case_key) FROM open_in_month o JOIN m ON m.case_key = o.case_key) AS collected_cases,
       (SELECT count(*) FROM open_in_month) AS open_cases,
       (SELECT count(*) FROM t) AS interviews_12,
       (SELECT avg(adherence_score) FROM t) AS mean_score_12,
       (SELECT count(*) FROM t WHERE adherence_score >= getvariable('adherence_threshold')) AS at_threshold_12;
