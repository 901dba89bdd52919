-- title: Referrals received per month, last 12 months
-- definition: Referrals with a referral date in each month, and how many of them the allocation
--   panel had accepted or declined by the end of the pack's month.
-- requires: [referral]
-- columns:
--   month_label: {label: Month}
--   referrals:   {label: Received, kind: count}
--   accepted:    {label: Accepted, kind: count}
--   declined:    {label: Declined, kind: count}
--   withdrawn:   {label: Withdrawn, kind: count}
SELECT m.month_label,
       count(r.referral_key) AS referrals,
       count(r.referral_key) FILTER (WHERE r.decision = 'ACCEPTED'  AND r.decision_date <= getvariable('month_end')) AS accepted,
       count(r.referral_key) FILTER (WHERE r.decision = 'DECLINED'  AND r.decision_date <= getvariable('month_end')) AS declined,
       count(r.referral_key) FILTER (WHERE r.decision = 'WITHDRAWN' AND r.decision_date <= getvariable('month_end')) AS withdrawn
FROM report_months() m
LEFT JOIN referral r
       ON r.site_id = getvariable('site')
      AND r.referral_date BETWEEN m.month_start AND m.month_end
GROUP BY m.month_start, m.month_label
ORDER BY m.month_start;
