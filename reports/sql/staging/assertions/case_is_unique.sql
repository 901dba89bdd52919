-- Assertion (must return no rows): a case is one row of stg_case per site and case key.
-- requires: [referral, case_closure]
SELECT site_id, case_key, count(*) AS rows
FROM stg_case
GROUP BY site_id, case_key
HAVING count(*) > 1;
