-- Assertion (must return no rows): a case open at a day's end (open_at) is open during that day
-- (open_during), and a closed case is not open the day after its discharge.
-- requires: [referral, case_closure]
SELECT site_id, case_key
FROM stg_case, (SELECT DATE '2026-10-31' AS d)
WHERE (open_at(start_date, end_date, d) AND NOT open_during(start_date, end_date, d, d))
   OR (end_date IS NOT NULL AND open_at(start_date, end_date, end_date));
