-- Assertion (must return no rows): every closure is one closed case, with the same dates, and no
-- closure ends before it starts.
-- requires: [referral, case_closure]
SELECT c.site_id, c.case_key
FROM stg_closure c
LEFT JOIN stg_case k ON k.site_id = c.site_id AND k.case_key = c.case_key
WHERE k.case_key IS NULL OR k.end_date IS DISTINCT FROM c.end_date OR c.days_in_treatment < 0
UNION ALL
SELECT site_id, case_key FROM stg_closure GROUP BY site_id, case_key HAVING count(*) > 1;
