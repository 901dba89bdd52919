-- title: From referral to start
-- definition: Referrals received this month and in the last 12 months, and where they stood at the end
--   of the pack's month: decided by the panel (accepted or declined), withdrawn, still awaiting a
--   decision, and started (first MST session by the month end). The share is of referrals received
--   in the last 12 months.
-- requires: [referral]
-- columns:
--   stage:          {label: Stage}
--   this_month:     {label: This month, kind: count}
--   last_12_months: {label: Last 12 months, kind: count}
--   share:          {label: Share of received, kind: percent, of: last_12_months, base: received_12}
--   received_12:    {label: Received in 12 months, kind: count, hidden: true}
WITH r AS (
    SELECT referral_date >= getvariable('month_start') AS in_month,
           decision_date IS NOT NULL AND decision_date <= getvariable('month_end') AS decided_by_end,
           decision,
           case_start_date IS NOT NULL AND case_start_date <= getvariable('month_end') AS started
    FROM referral
    WHERE site_id = getvariable('site')
      AND referral_date BETWEEN getvariable('window_start') AND getvariable('month_end')
),
stages AS (
    SELECT 1 AS ord, 'Received' AS stage, in_month, true AS hit FROM r
    UNION ALL SELECT 2, 'Panel decided', in_month, decided_by_end AND decision IN ('ACCEPTED', 'DECLINED') FROM r
    UNION ALL SELECT 3, 'Accepted', in_month, decided_by_end AND decision = 'ACCEPTED' FROM r
    UNION ALL SELECT 4, 'Declined', in_month, decided_by_end AND decision = 'DECLINED' FROM r
    UNION ALL SELECT 5, 'Withdrawn', in_month, decided_by_end AND decision = 'WITHDRAWN' FROM r
    UNION ALL SELECT 6, 'Awaiting decision at month end', in_month, NOT decided_by_end OR decision = 'PENDING' OR decision IS NULL FROM r
    UNION ALL SELECT 7, 'Started MST', in_month, started FROM r
),
names AS (
    SELECT * FROM (VALUES (1, 'Received'), (2, 'Panel decided'), (3, 'Accepted'), (4, 'Declined'), (5, 'Withdrawn'),
                          (6, 'Awaiting decision at month end'), (7, 'Started MST')) AS t(ord, stage)
)
SELECT n.stage,
       count(*) FILTER (WHERE s.hit AND s.in_month) AS this_month,
       count(*) FILTER (WHERE s.hit) AS last_12_months,
       (SELECT count(*) FROM r) AS received_12
FROM names n
LEFT JOIN stages s ON s.ord = n.ord
GROUP BY n.ord, n.stage
ORDER BY n.ord;
