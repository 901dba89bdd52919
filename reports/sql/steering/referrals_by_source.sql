-- title: Referrals by source, last 12 months
-- definition: Referrals received in the twelve months to the end of the pack's month, by the agency
--   that referred (children's social care, youth offending service, CAMHS, education...).
-- requires: [referral]
-- columns:
--   source:    {label: Source}
--   referrals: {label: Referrals, kind: count}
--   share:     {label: Share, kind: percent, of: referrals, base: total}
--   total:     {label: All referrals, kind: count, hidden: true}
WITH r AS (
    SELECT coalesce(referral_source, 'NOT_RECORDED') AS code
    FROM referral
    WHERE site_id = getvariable('site')
      AND referral_date BETWEEN getvariable('window_start') AND getvariable('month_end')
)
SELECT CASE code
         WHEN 'CSC' THEN 'Children''s social care'
         WHEN 'YOS' THEN 'Youth offending service'
         WHEN 'CAMHS' THEN 'CAMHS'
         WHEN 'EDUCATION' THEN 'Education'
         WHEN 'POLICE' THEN 'Police'
         WHEN 'HEALTH' THEN 'Health'
         WHEN 'FAMILY' THEN 'Family / self'
         WHEN 'OTHER' THEN 'Other'
         ELSE 'Not recorded' END AS source,
       count(*) AS referrals,
       sum(count(*)) OVER () AS total
FROM r
GROUP BY code
ORDER BY referrals DESC, source;
