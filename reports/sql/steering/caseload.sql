-- title: Cases and caseload at the end of the month
-- definition: Open cases are cases started on or before the last day of the month and not closed by
--   then. Caseload per therapist is open cases divided by the site's therapist FTE (from the site
--   register); MST therapists each carry 4 to 6 families.
-- requires: [referral, case_closure, site]
-- layout: kv
-- columns:
--   open_cases:       {label: Open cases at month end, kind: count}
--   started_month:    {label: Cases started this month, kind: count}
--   closed_month:     {label: Cases closed this month, kind: count}
--   therapists_fte:   {label: Therapist FTE, kind: decimal, format: "0.0"}
--   caseload:         {label: Open cases per therapist FTE, kind: mean, base: open_cases, format: "0.0"}
--   open_over_a_year: {label: Cases open more than a year, kind: count}
WITH c AS (SELECT * FROM stg_case WHERE site_id = getvariable('site')),
s AS (SELECT max(therapists_fte) AS fte FROM site WHERE site_id = getvariable('site'))
SELECT count(*) FILTER (WHERE start_date <= getvariable('month_end')
                          AND (end_date IS NULL OR end_date > getvariable('month_end'))) AS open_cases,
       count(*) FILTER (WHERE start_date BETWEEN getvariable('month_start') AND getvariable('month_end')) AS started_month,
       count(*) FILTER (WHERE end_date BETWEEN getvariable('month_start') AND getvariable('month_end')) AS closed_month,
       (SELECT fte FROM s) AS therapists_fte,
       open_cases / nullif((SELECT fte FROM s), 0) AS caseload,
       count(*) FILTER (WHERE start_date <= getvariable('month_end') - INTERVAL 365 DAY
                          AND (end_date IS NULL OR end_date > getvariable('month_end'))) AS open_over_a_year
FROM c;
