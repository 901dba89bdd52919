-- title: What the lake holds for this site
-- definition: Rows in the lake for this site per dataset, the date range they cover (referral dates,
--   discharge dates, follow-up dates, TAM-R collection dates), and cases still open after more than a
--   year (often a closure row that was rejected or not sent).
-- requires: [referral, case_closure, follow_up]
-- columns:
--   dataset:  {label: Dataset}
--   records:  {label: Records, kind: count}
--   earliest: {label: Earliest, kind: date}
--   latest:   {label: Latest, kind: date}
SELECT 'Referrals' AS dataset, count(*) AS records, min(referral_date) AS earliest, max(referral_date) AS latest
FROM referral WHERE site_id = getvariable('site')
UNION ALL
SELECT 'Case closures', count(*), min(end_date), max(end_date)
FROM case_closure WHERE site_id = getvariable('site')
UNION ALL
SELECT 'Follow-ups', count(*), min(follow_up_date), max(follow_up_date)
FROM follow_up WHERE site_id = getvariable('site');
