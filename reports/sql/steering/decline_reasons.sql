-- title: Why referrals were declined, last 12 months
-- definition: Referrals received in the last 12 months that the panel had declined by the end of the
--   pack's month, by the recorded reason.
-- requires: [referral]
-- columns:
--   reason:   {label: Reason}
--   declined: {label: Declined, kind: count}
SELECT CASE coalesce(decline_reason, 'NOT_RECORDED')
         WHEN 'NOT_ELIGIBLE' THEN 'Not eligible'
         WHEN 'FAMILY_DECLINED' THEN 'Family declined'
         WHEN 'NO_CAPACITY' THEN 'No capacity'
         WHEN 'ALREADY_OPEN' THEN 'Already open to a service'
         WHEN 'OTHER' THEN 'Other'
         ELSE 'Not recorded' END AS reason,
       count(*) AS declined
FROM referral
WHERE site_id = getvariable('site')
  AND referral_date BETWEEN getvariable('window_start') AND getvariable('month_end')
  AND decision = 'DECLINED' AND decision_date <= getvariable('month_end')
GROUP BY 1
ORDER BY declined DESC, reason;
