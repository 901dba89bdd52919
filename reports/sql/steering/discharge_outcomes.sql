-- title: Ultimate outcomes at discharge
-- definition: Of cases closed this month and in the last 12 months, the share with each MST ultimate
--   outcome recorded as yes: living at home, in school or working, no new offence (arrest) during
--   treatment. The base is the closures with that outcome recorded. The benchmark is the MST
--   worldwide figure for 2014 discharges (set in jobs/targets.yml).
-- requires: [case_closure, referral]
-- columns:
--   outcome:       {label: Outcome}
--   month_yes:     {label: This month, kind: percent, of: month_yes, base: month_base}
--   month_base:    {label: Closures this month, kind: count}
--   year_yes:      {label: Last 12 months, kind: percent, of: year_yes, base: year_base}
--   year_base:     {label: Closures in 12 months, kind: count}
--   benchmark:     {label: MST benchmark, kind: rate}
WITH mm AS (SELECT * FROM measure_closures WHERE site_id = getvariable('site') AND period = 'month'),
    -- the counts are the measure query's (reports/sql/measures/closures.sql, left in measure_closures)
y AS (SELECT * FROM measure_closures WHERE site_id = getvariable('site') AND period = '12 months')
SELECT o.outcome,
       coalesce(CASE o.ord WHEN 1 THEN mm.at_home WHEN 2 THEN mm.in_school ELSE mm.no_offence END, 0) AS month_yes,
       coalesce(CASE o.ord WHEN 1 THEN mm.at_home_recorded WHEN 2 THEN mm.in_school_recorded ELSE mm.no_offence_recorded END, 0) AS month_base,
       coalesce(CASE o.ord WHEN 1 THEN y.at_home WHEN 2 THEN y.in_school ELSE y.no_offence END, 0) AS year_yes,
       coalesce(CASE o.ord WHEN 1 THEN y.at_home_recorded WHEN 2 THEN y.in_school_recorded ELSE y.no_offence_recorded END, 0) AS year_base,
       o.benchmark
FROM (VALUES (1, 'Living at home', getvariable('benchmark_home')),
             (2, 'In school or working', getvariable('benchmark_eet')),
             (3, 'No new offence', getvariable('benchmark_offence'))) AS o(ord, outcome, benchmark)
LEFT JOIN mm ON true
LEFT JOIN y ON true
ORDER BY o.ord;
