-- TAM-R collection per open case and month: how long since each open case's last interview.
--
-- Run:  ./sightline query --file reports/sql/fidelity/tam_open_cases.sql
--   or, in any DuckDB:  .read <home>/lake/views.sql   then   .read reports/sql/fidelity/tam_open_cases.sql
-- Reads the views fidelity_tam, referral and case_closure. Definitions: reports/sql/fidelity/README.md
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
interviews AS (
    SELECT site_id, team, therapist_key, case_key, collected_on,
           CAST(date_trunc('month', collected_on) AS DATE) AS month
    FROM fidelity_tam
),
cases AS (
    SELECT coalesce(c.site_id, r.site_id) AS site_id,
           coalesce(c.case_key, r.referral_key) AS case_key,
           least(c.start_date, r.case_start_date) AS start_date,
           c.end_date,
           c.therapist_key AS closure_therapist
    FROM (SELECT site_id, referral_key, case_start_date FROM referral WHERE case_start_date IS NOT NULL) r
    FULL JOIN case_closure c ON c.site_id = r.site_id AND c.case_key = r.referral_key
),
case_latest_therapist AS (
    SELECT site_id, case_key, arg_max(therapist_key, collected_on) AS therapist_key
    FROM interviews GROUP BY site_id, case_key
),
therapist_team AS (
    SELECT site_id, therapist_key, arg_max(team, collected_on) AS team
    FROM interviews WHERE team IS NOT NULL GROUP BY site_id, therapist_key
),
case_owner AS (
    SELECT k.site_id, k.case_key, k.start_date, k.end_date,
           coalesce(k.closure_therapist, l.therapist_key) AS therapist_key
    FROM cases k
    LEFT JOIN case_latest_therapist l ON l.site_id = k.site_id AND l.case_key = k.case_key
),
site_months AS (
    SELECT site_id, CAST(unnest(generate_series(first_month, last_month, INTERVAL 1 MONTH)) AS DATE) AS month
    FROM (SELECT site_id, CAST(min(month) AS TIMESTAMP) AS first_month, CAST(max(month) AS TIMESTAMP) AS last_month
          FROM interviews GROUP BY site_id)
),
case_months AS (
    SELECT m.site_id, m.month, o.case_key, o.therapist_key, tt.team, o.start_date, o.end_date
    FROM site_months m
    JOIN case_owner o ON o.site_id = m.site_id
                     AND o.start_date <= last_day(m.month)
                     AND (o.end_date IS NULL OR o.end_date >= m.month)
    LEFT JOIN therapist_team tt ON tt.site_id = o.site_id AND tt.therapist_key = o.therapist_key
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
