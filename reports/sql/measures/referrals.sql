-- Measure query: referrals received and the panel's decisions on them, by site and period (the month,
-- the twelve months; report_periods()), and for all the measured sites together (site_id ALL_SITES).
-- Serves the measures referrals and acceptance (reports/metrics.yml).
-- requires: [referral]
SELECT CASE WHEN grouping(r.site_id) = 1 THEN 'ALL_SITES' ELSE r.site_id END AS site_id,
       p.period,
       count(*) AS received,
       count(*) FILTER (WHERE decided_by(r.decision, r.decision_date, getvariable('month_end'))) AS decided,
       count(*) FILTER (WHERE decided_by(r.decision, r.decision_date, getvariable('month_end')) AND r.decision = 'ACCEPTED') AS accepted
FROM report_periods() p
JOIN stg_referral r ON r.referral_date BETWEEN p.period_start AND p.period_end
WHERE measured(r.site_id)
GROUP BY GROUPING SETS ((p.period, r.site_id), (p.period));
