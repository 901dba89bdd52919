-- title: Ultimate outcomes at discharge
-- definition: Of cases closed this month and in the last 12 months, the share with each MST ultimate
--   outcome recorded as yes: living at home, in school or working, no new offence (arrest) during
--   treatment. The base is the closures with that outcome recorded. The benchmark is the MST
--   worldwide figure for 2014 discharges (set in jobs/targets.yml).
-- requires: [case_closure]
-- columns:
--   outcome:       {label: Outcome}
--   month_yes:     {label: This month, kind: percent, of: month_yes, base: month_base}
--   month_base:    {label: Closures this month, kind: count}
--   year_yes:      {label: Last 12 months, kind: percent, of: year_yes, base: year_base}
--   year_base:     {label: Closures in 12 months, kind: count}
--   benchmark:     {label: MST benchmark, kind: rate}
WITH c AS (
    SELECT end_date >= getvariable('month_start') AS in_month, living_at_home, in_education_or_work, no_new_offence
    FROM case_closure
    WHERE site_id = getvariable('site')
      AND end_date BETWEEN getvariable('window_start') AND getvariable('month_end')
),
long AS (
    SELECT 1 AS ord, 'Living at home' AS outcome, in_month, living_at_home AS yes, getvariable('benchmark_home') AS benchmark FROM c
    UNION ALL SELECT 2, 'In school or working', in_month, in_education_or_work, getvariable('benchmark_eet') FROM c
    UNION ALL SELECT 3, 'No new offence', in_month, no_new_offence, getvariable('benchmark_offence') FROM c
),
names AS (
    SELECT * FROM (VALUES (1, 'Living at home', getvariable('benchmark_home')),
                          (2, 'In school or working', getvariable('benchmark_eet')),
                          (3, 'No new offence', getvariable('benchmark_offence'))) AS t(ord, outcome, benchmark)
)
SELECT n.outcome,
       count(*) FILTER (WHERE l.in_month AND l.yes) AS month_yes,
       count(l.yes) FILTER (WHERE l.in_month) AS month_base,
       count(*) FILTER (WHERE l.yes) AS year_yes,
       count(l.yes) AS year_base,
       n.benchmark
FROM names n
LEFT JOIN long l ON l.ord = n.ord
GROUP BY n.ord, n.outcome, n.benchmark
ORDER BY n.ord;
