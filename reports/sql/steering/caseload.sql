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
SELECT m.open_cases,
    -- the counts are the measure query's (reports/sql/measures/caseload.sql, left in measure_caseload)
       m.started AS started_month,
       m.closed AS closed_month,
       m.therapists_fte,
       m.open_cases / nullif(m.therapists_fte, 0) AS caseload,
       (SELECT count(*) FROM stg_case
         WHERE site_id = getvariable('site')
           AND open_at(start_date, end_date, getvariable('month_end'))
           AND start_date <= getvariable('month_end') - INTERVAL 365 DAY) AS open_over_a_year
FROM measure_caseload m
WHERE m.site_id = getvariable('site') AND m.period = 'month';
