-- Staging model: a closure. One row per closed MST case (the lake's case_closure view): its own
-- start and discharge dates, days in treatment, the ultimate outcomes at discharge, and what the
-- case's accepted referral says (edge of care, source, the young person's pseudonymous key).
-- requires: [case_closure, referral]
CREATE OR REPLACE TEMP VIEW stg_closure AS
SELECT c.site_id, c.case_key, c.start_date, c.end_date,
       date_diff('day', c.start_date, c.end_date) AS days_in_treatment,
       c.therapist_key, c.closure_reason, c.living_at_home, c.in_education_or_work, c.no_new_offence, c.exit_route,
       r.edge_of_care, r.referral_source, r.young_person_key
FROM case_closure c
LEFT JOIN stg_referral r
       ON r.site_id = c.site_id AND r.referral_key = c.case_key
      AND r.decision = 'ACCEPTED' AND r.case_start_date IS NOT NULL;

-- The site's closures (getvariable('site')) in the twelve months ending with the report's month.
CREATE OR REPLACE TEMP MACRO site_closures_12_months() AS TABLE
SELECT * FROM stg_closure
WHERE site_id = getvariable('site')
  AND end_date BETWEEN getvariable('window_start') AND getvariable('month_end');
