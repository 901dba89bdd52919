-- Assertion (must return no rows): a referral is one row of stg_referral per site and referral key,
-- and the referral view and stg_referral hold the same number of referrals.
-- requires: [referral]
SELECT site_id, referral_key, count(*) AS rows
FROM stg_referral
GROUP BY site_id, referral_key
HAVING count(*) > 1
UNION ALL
SELECT 'count', NULL, (SELECT count(*) FROM referral) - (SELECT count(*) FROM stg_referral)
WHERE (SELECT count(*) FROM referral) <> (SELECT count(*) FROM stg_referral);
