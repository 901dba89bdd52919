-- title: Fidelity: supervisor adherence (SAM), last 3 months
-- definition: Supervisor Adherence Measure ratings collected in the three months to the end of the
--   pack's month: how many, and their mean score (0 to 1).
-- requires: [fidelity_sam]
-- layout: kv
-- columns:
--   ratings:    {label: "SAM ratings, 3 months", kind: count}
--   mean_score: {label: Mean SAM, kind: mean, base: ratings, format: "0.00"}
SELECT count(adherence_score) AS ratings,
       avg(adherence_score) AS mean_score
FROM fidelity_sam
WHERE site_id = getvariable('site')
  AND collected_on BETWEEN CAST(getvariable('month_start') - INTERVAL 2 MONTH AS DATE) AND getvariable('month_end');
