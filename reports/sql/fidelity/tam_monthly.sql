-- TAM-R fidelity per month: for each site, each team and each therapist.
--
-- Run:  ./sightline query --file reports/sql/fidelity/tam_monthly.sql
--   or, in any DuckDB:  .read <home>/lake/views.sql   then   .read reports/sql/fidelity/tam_monthly.sql
-- Reads the view site, the staging models of reports/sql/staging/ (stg_case_owner, stg_tam_interview,
-- stg_tam_site_month) and the table site_target (`sightline query` creates them). Definitions: reports/sql/fidelity/README.md.
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
-- Parameter: a TAM-R adherence threshold per programme (site.programme codes: MST, MST_PSB, MST_CAN,
-- MST_FIT, FFT) that differs from the site's own; none by default. A site's own threshold is its
-- adherence target in jobs/targets.yml (the table site_target, made by Sightline from that file).
threshold (programme, adherence_threshold) AS (
    VALUES ('none', CAST(NULL AS DOUBLE))
),
site_threshold AS (
    SELECT s.site_id,
           CAST(coalesce(t.adherence_threshold, st.adherence_threshold, d.adherence_threshold) AS DOUBLE) AS adherence_threshold
    FROM (SELECT DISTINCT site_id FROM fidelity_tam) s
    LEFT JOIN (SELECT site_id, any_value(programme) AS programme FROM site GROUP BY site_id) p ON p.site_id = s.site_id
    LEFT JOIN threshold t ON t.programme = p.programme
    LEFT JOIN site_target st ON st.site_id = s.site_id
    CROSS JOIN (SELECT adherence_threshold FROM site_target WHERE site_id = 'ALL_SITES') d
),
interviews AS (SELECT * FROM stg_tam_interview),
site_months AS (SELECT * FROM stg_tam_site_month),
-- cases open in each month of the site's span (stg_case_owner: the case, its therapist and team)
case_months AS (
    SELECT m.site_id, m.month, o.case_key, o.therapist_key, o.team,
           EXISTS (SELECT 1 FROM interviews i
                   WHERE i.site_id = o.site_id AND i.case_key = o.case_key AND i.month = m.month) AS interviewed
    FROM site_months m
    JOIN stg_case_owner o ON o.site_id = m.site_id AND open_during(o.start_date, o.end_date, m.month, last_day(m.month))
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
