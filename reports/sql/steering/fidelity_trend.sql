-- title: Mean TAM-R adherence per month, last 12 months
-- definition: Mean adherence score of the TAM-R interviews collected in each month, with the adherence
--   threshold drawn as a line. A month with fewer than 5 interviews has no point (not shown).
-- requires: [fidelity_tam]
-- columns:
--   month_label: {label: Month}
--   interviews:  {label: Interviews, kind: count}
--   mean_score:  {label: Mean TAM-R, kind: mean, base: interviews, format: "0.00"}
--   threshold:   {label: Threshold, kind: decimal, format: "0.00"}
SELECT m.month_label,
       count(t.adherence_score) AS interviews,
       avg(t.adherence_score) AS mean_score,
       getvariable('adherence_threshold') AS threshold
FROM report_months() m
LEFT JOIN fidelity_tam t
       ON t.site_id = getvariable('site')
      AND t.collected_on BETWEEN m.month_start AND m.month_end
GROUP BY m.month_start, m.month_label
ORDER BY m.month_start;
