-- title: Closures by reason, last 12 months
-- definition: Cases with a discharge (end) date in the twelve months to the end of the pack's month,
--   by the recorded reason for closure.
-- requires: [case_closure, referral]
-- columns:
--   reason:   {label: Reason for closure}
--   closures: {label: Closures, kind: count}
--   share:    {label: Share, kind: percent, of: closures, base: total}
--   total:    {label: All closures, kind: count, hidden: true}
SELECT CASE coalesce(closure_reason, 'NOT_RECORDED')
         WHEN 'COMPLETED' THEN 'Completed treatment'
         WHEN 'LACK_OF_ENGAGEMENT' THEN 'Lack of engagement'
         WHEN 'PLACED_OUT_OF_HOME' THEN 'Placed out of home'
         WHEN 'MOVED_AWAY' THEN 'Moved away'
         WHEN 'OTHER' THEN 'Other'
         ELSE 'Not recorded' END AS reason,
       count(*) AS closures,
       sum(count(*)) OVER () AS total
FROM site_closures_12_months()
GROUP BY 1
ORDER BY closures DESC, reason;
