-- Staging model: a case. One row per MST case: started from an accepted referral with a start
-- date and/or closed (stg_closure), joined on site and case key = referral key. It starts on the
-- earlier of the two start dates. A case whose closure row was rejected stays open here; the
-- data-quality page lists cases open for more than a year so they can be checked.
-- Open cases: open_at / open_during (00_periods.sql).
-- requires: [case_closure, referral]
CREATE OR REPLACE TEMP VIEW stg_case AS
WITH started AS (
    SELECT site_id, referral_key AS case_key, case_start_date AS start_date, edge_of_care, referral_source, young_person_key
    FROM stg_referral
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
       s.referral_source,
       s.young_person_key
FROM started s
FULL OUTER JOIN stg_closure c ON c.site_id = s.site_id AND c.case_key = s.case_key;
