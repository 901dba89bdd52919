-- Staging views for the steering-pack figures, over the lake views (run views.sql first).
-- One row per MST case: started from an accepted referral and/or closed in case_closure
-- (joined on site and case key = referral key); it starts on the earlier of the two start dates
-- (as reports/sql/fidelity/ defines a case). A case whose closure row was rejected stays open
-- here; the data-quality page lists cases open for more than a year so they can be checked.
CREATE OR REPLACE TEMP VIEW stg_case AS
WITH started AS (
    SELECT site_id, referral_key AS case_key, case_start_date AS start_date, edge_of_care, referral_source
    FROM referral
    WHERE decision = 'ACCEPTED' AND case_start_date IS NOT NULL
)
SELECT coalesce(c.site_id, s.site_id)       AS site_id,
       coalesce(c.case_key, s.case_key)     AS case_key,
       least(coalesce(c.start_date, s.start_date), coalesce(s.start_date, c.start_date)) AS start_date,
       c.end_date,
       c.therapist_key,
       c.closure_reason,
       c.living_at_home,
       c.in_education_or_work,
       c.no_new_offence,
       c.exit_route,
       s.edge_of_care,
       s.referral_source
FROM started s
FULL OUTER JOIN case_closure c ON c.site_id = s.site_id AND c.case_key = s.case_key;

-- The twelve reporting months ending with the pack's month (oldest first).
CREATE OR REPLACE TEMP MACRO report_months() AS TABLE
SELECT CAST(m AS DATE) AS month_start,
       CAST(m + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE) AS month_end,
       strftime(m, '%b %y') AS month_label
FROM generate_series(CAST(getvariable('window_start') AS TIMESTAMP),
                     CAST(getvariable('month_start') AS TIMESTAMP), INTERVAL 1 MONTH) AS t(m);
