-- TAM-R collection per open case and month: how long since each open case's last interview.
--
-- Run:  ./sightline query --file reports/sql/fidelity/tam_open_cases.sql
--   or, in any DuckDB:  .read <home>/lake/views.sql   then   .read reports/sql/fidelity/tam_open_cases.sql
-- Reads the staging models of reports/sql/staging/ (stg_case, stg_case_owner, stg_tam_interview,
-- stg_tam_site_month over fidelity_tam, referral and case_closure; `sightline query` creates them). Definitions: reports/sql/fidelity/README.md
-- (the same as tam_monthly.sql: its open_cases and cases_interviewed are counts of these rows).
--
-- One row per site, month and case open in that month:
--   site_id, month (first day), case_key, therapist_key, team
--   case_start_date, case_end_date (NULL while open or when the closure is not in the lake)
--   interviews_in_month           TAM-R interviews of the case in the month
--   last_interview_on             the case's latest interview up to the month's end (NULL: none yet)
--   months_since_last_interview   whole calendar months from that interview's month to this month
--                                 (0 = interviewed this month; NULL = never interviewed)
--   months_open                   whole calendar months from the case's start month to this month

WITH
interviews AS (SELECT * FROM stg_tam_interview),
-- cases open in each month of the site's span (stg_case_owner: the case, its therapist and team)
case_months AS (
    SELECT m.site_id, m.month, o.case_key, o.therapist_key, o.team, o.start_date, o.end_date
    FROM stg_tam_site_month m
    JOIN stg_case_owner o ON o.site_id = m.site_id AND open_during(o.start_date, o.end_date, m.month, last_day(m.month))
),
case_month_interviews AS (
    SELECT cm.site_id, cm.month, cm.case_key, cm.therapist_key, cm.team, cm.start_date, cm.end_date,
           count(i.collected_on) FILTER (WHERE i.month = cm.month) AS interviews_in_month,
           max(i.collected_on) AS last_interview_on
    FROM case_months cm
    LEFT JOIN interviews i ON i.site_id = cm.site_id AND i.case_key = cm.case_key AND i.collected_on <= last_day(cm.month)
    GROUP BY cm.site_id, cm.month, cm.case_key, cm.therapist_key, cm.team, cm.start_date, cm.end_date
)
SELECT site_id, month, case_key, therapist_key, team,
       start_date AS case_start_date, end_date AS case_end_date,
       interviews_in_month, last_interview_on,
       date_diff('month', CAST(date_trunc('month', last_interview_on) AS DATE), month) AS months_since_last_interview,
       date_diff('month', CAST(date_trunc('month', start_date) AS DATE), month) AS months_open
FROM case_month_interviews
ORDER BY site_id, month, therapist_key NULLS FIRST, case_key;
