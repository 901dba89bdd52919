-- SAM (Supervisor Adherence Measure) per supervisor per calendar quarter.
--
-- Run:  ./sightline query --file reports/sql/fidelity/sam_quarterly.sql
--   or, in any DuckDB:  .read <home>/lake/views.sql   then   .read reports/sql/fidelity/sam_quarterly.sql
-- Reads the view fidelity_sam. Definitions: reports/sql/fidelity/README.md.
--
-- One row per site, supervisor and quarter:
--   site_id, supervisor_key
--   team             the team on the supervisor's latest rating
--   quarter          e.g. 2025-Q3; quarter_start: its first day
--   ratings          SAM ratings given in the quarter
--   therapists       distinct therapists who rated the supervisor in the quarter
--   mean_adherence   mean SAM adherence score (0-1)

WITH supervisor_team AS (
    SELECT site_id, supervisor_key, arg_max(team, collected_on) AS team
    FROM fidelity_sam WHERE team IS NOT NULL GROUP BY site_id, supervisor_key
)
SELECT s.site_id, s.supervisor_key, t.team,
       CAST(year(s.collected_on) AS VARCHAR) || '-Q' || CAST(quarter(s.collected_on) AS VARCHAR) AS quarter,
       CAST(date_trunc('quarter', s.collected_on) AS DATE) AS quarter_start,
       count(*) AS ratings,
       count(DISTINCT s.therapist_key) AS therapists,
       avg(s.adherence_score) AS mean_adherence
FROM fidelity_sam s
LEFT JOIN supervisor_team t ON t.site_id = s.site_id AND t.supervisor_key = s.supervisor_key
GROUP BY ALL
ORDER BY s.site_id, quarter_start, t.team, s.supervisor_key;
