-- Staging models for the fidelity figures (reports/sql/fidelity/):
--   stg_tam_interview  one row per TAM-R interview (fidelity_tam), with its month
--   stg_tam_site_month one row per site and month from its first to its last month with an interview
--   stg_case_owner     one row per case (stg_case) with its therapist: the one on its closure row, else
--                      the therapist of its latest interview; and that therapist's team on their latest
--                      interview (NULL when unknown)
-- requires: [fidelity_tam, referral, case_closure]
CREATE OR REPLACE TEMP VIEW stg_tam_interview AS
SELECT site_id, team, therapist_key, case_key, collected_on, adherence_score,
       CAST(date_trunc('month', collected_on) AS DATE) AS month
FROM fidelity_tam;

CREATE OR REPLACE TEMP VIEW stg_tam_site_month AS
SELECT site_id, CAST(unnest(generate_series(first_month, last_month, INTERVAL 1 MONTH)) AS DATE) AS month
FROM (SELECT site_id, CAST(min(month) AS TIMESTAMP) AS first_month, CAST(max(month) AS TIMESTAMP) AS last_month
      FROM stg_tam_interview GROUP BY site_id);

CREATE OR REPLACE TEMP VIEW stg_case_owner AS
WITH case_latest_therapist AS (
    SELECT site_id, case_key, arg_max(therapist_key, collected_on) AS therapist_key
    FROM stg_tam_interview GROUP BY site_id, case_key
),
therapist_team AS (
    SELECT site_id, therapist_key, arg_max(team, collected_on) AS team
    FROM stg_tam_interview WHERE team IS NOT NULL GROUP BY site_id, therapist_key
),
owner AS (
    SELECT k.site_id, k.case_key, k.start_date, k.end_date,
           coalesce(k.therapist_key, l.therapist_key) AS therapist_key
    FROM stg_case k
    LEFT JOIN case_latest_therapist l ON l.site_id = k.site_id AND l.case_key = k.case_key
)
SELECT o.*, tt.team
FROM owner o
LEFT JOIN therapist_team tt ON tt.site_id = o.site_id AND tt.therapist_key = o.therapist_key;
