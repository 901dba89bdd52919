-- TAM-R fidelity per month: for each site, each team and each therapist.
--
-- Run:  ./sightline query --file reports/sql/fidelity/tam_monthly.sql
--   or, in any DuckDB:  .read <home>/lake/views.sql   then   .read reports/sql/fidelity/tam_monthly.sql
-- Reads the views fidelity_tam, referral, case_closure and site. Definitions: reports/sql/fidelity/README.md.
--
-- One row per level and group and month:
--   level                'site', 'team' or 'therapist'
--   site_id, team, therapist_key, month (first day of the month)
--   interviews           TAM-R interviews collected in the month
--   mean_adherence       mean TAM-R adherence score (0-1) of those interviews
--   adherent_interviews  interviews scoring at or above the programme's threshold
--   share_adherent       adherent_interviews / interviews
--   adherence_threshold  the threshold used (per programme, see the parameter below)
--   open_cases           cases open in the month (started by its last day, not closed before its first)
--   cases_interviewed    open cases with at least one interview in the month
--   collection_rate      cases_interviewed / open_cases
-- Open cases count towards the therapist on their closure row, else the therapist of their latest
-- interview; a therapist's team is the team on their latest interview. Open cases with no known
-- therapist appear with team and therapist_key NULL. A site's months run from its first to its last
-- month with an interview; a month in between without interviews shows 0 interviews.

WITH
-- Parameter: the TAM-R adherence threshold per programme (site.programme codes: MST, MST_PSB, MST_CAN,
-- MST_FIT, FFT). A programme not listed, or a site without a site row, uses 'default'.
threshold (programme, adherence_threshold) AS (
    VALUES ('default', 0.61), ('MST', 0.61), ('MST_PSB', 0.61), ('MST_CAN', 0.61)
),
site_threshold AS (
    SELECT s.site_id,
           CAST(coalesce(t.adherence_threshold, d.adherence_threshold) AS DOUBLE) AS adherence_threshold
    FROM (SELECT DISTINCT site_id FROM fidelity_tam) s
    LEFT JOIN (SELECT site_id, any_value(programme) AS programme FROM site GROUP BY site_id) p ON p.site_id = s.site_id
    LEFT JOIN threshold t ON t.programme = p.programme
    CROSS JOIN (SELECT adherence_threshold FROM threshold WHERE programme = 'default') d
),
interviews AS (
    SELECT site_id, team, therapist_key, case_key, collected_on, adherence_score,
           CAST(date_trunc('month', collected_on) AS DATE) AS month
    FROM fidelity_tam
),
-- every case the lake knows: accepted referrals with a start date, and closed cases
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
    SELECT m.site_id, m.month, o.case_key, o.therapist_key, tt.team,
           EXISTS (SELECT 1 FROM interviews i
                   WHERE i.site_id = o.site_id AND i.case_key = o.case_key AND i.month = m.month) AS interviewed
    FROM site_months m
    JOIN case_owner o ON o.site_id = m.site_id
                     AND o.start_date <= last_day(m.month)
                     AND (o.end_date IS NULL OR o.end_date >= m.month)
    LEFT JOIN therapist_team tt ON tt.site_id = o.site_id AND tt.therapist_key = o.therapist_key
),
cells AS (
    SELECT i.site_id, i.team, i.therapist_key, i.month,
           count(*) AS interviews,
           sum(i.adherence_score) AS score_sum,
           count(*) FILTER (WHERE i.adherence_score >= st.adherence_threshold) AS adherent,
           0 AS open_cases, 0 AS cases_interviewed
    FROM interviews i JOIN site_threshold st ON st.site_id = i.site_id
    GROUP BY i.site_id, i.team, i.therapist_key, i.month
    UNION ALL
    SELECT site_id, team, therapist_key, month, 0, 0.0, 0,
           count(*), count(*) FILTER (WHERE interviewed)
    FROM case_months
    GROUP BY site_id, team, therapist_key, month
    UNION ALL   -- every month of the site's span, so a month with nothing still has a site row
    SELECT site_id, NULL, NULL, month, 0, 0.0, 0, 0, 0 FROM site_months
),
grouped AS (
    SELECT CASE grouping(team, therapist_key) WHEN 0 THEN 'therapist' WHEN 1 THEN 'team' ELSE 'site' END AS level,
           site_id, team, therapist_key, month,
           sum(interviews) AS interviews, sum(score_sum) AS score_sum, sum(adherent) AS adherent,
           sum(open_cases) AS open_cases, sum(cases_interviewed) AS cases_interviewed
    FROM cells
    GROUP BY GROUPING SETS ((site_id, month), (site_id, team, month), (site_id, team, therapist_key, month))
)
SELECT g.level, g.site_id, g.team, g.therapist_key, g.month,
       CAST(g.interviews AS BIGINT) AS interviews,
       g.score_sum / nullif(g.interviews, 0) AS mean_adherence,
       CAST(g.adherent AS BIGINT) AS adherent_interviews,
       g.adherent / nullif(g.interviews, 0) AS share_adherent,
       st.adherence_threshold,
       CAST(g.open_cases AS BIGINT) AS open_cases,
       CAST(g.cases_interviewed AS BIGINT) AS cases_interviewed,
       g.cases_interviewed / nullif(g.open_cases, 0) AS collection_rate
FROM grouped g
JOIN site_threshold st ON st.site_id = g.site_id
WHERE g.level = 'site' OR g.interviews > 0 OR g.open_cases > 0
ORDER BY g.site_id, g.month, CASE g.level WHEN 'site' THEN 0 WHEN 'team' THEN 1 ELSE 2 END,
         g.team NULLS FIRST, g.therapist_key NULLS FIRST;
