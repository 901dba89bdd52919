-- Measure query: the business-as-usual comparison to the month end, by site and for all the measured
-- sites together (site_id ALL_SITES), from the LAs' care records: for each group of the comparison
-- (reports/sql/staging/60_care.sql, stg_bau_cohort; mst = received MST, not_served = referred but not
-- served), the young people followed for 6, 12 and 18 months from the referral, how many of them started
-- to be looked after within that window, the days looked after in the 12 months (a sum) and how many were
-- not looked after 12 months on. Serves care_entry_mst and care_entry_not_served (reports/metrics.yml)
-- and the pack's comparison page (reports/sql/steering/bau_outcomes.sql).
-- requires: [referral, lac_episode, site]
SELECT CASE WHEN grouping(site_id) = 1 THEN 'ALL_SITES' ELSE site_id END AS site_id,
       'to date' AS period,
       count(*) FILTER (WHERE served AND observed_6) AS mst_followed_6,
       count(*) FILTER (WHERE served AND observed_6 AND entered_6) AS mst_entered_6,
       count(*) FILTER (WHERE served AND observed_12) AS mst_followed_12,
       count(*) FILTER (WHERE served AND observed_12 AND entered_12) AS mst_entered_12,
       count(*) FILTER (WHERE served AND observed_18) AS mst_followed_18,
       count(*) FILTER (WHERE served AND observed_18 AND entered_18) AS mst_entered_18,
       coalesce(sum(days_in_care_12) FILTER (WHERE served AND observed_12), 0) AS mst_days_12,
       count(*) FILTER (WHERE served AND observed_12 AND NOT looked_after_12) AS mst_not_in_care_12,
       count(*) FILTER (WHERE NOT served AND observed_6) AS not_served_followed_6,
       count(*) FILTER (WHERE NOT served AND observed_6 AND entered_6) AS not_served_entered_6,
       count(*) FILTER (WHERE NOT served AND observed_12) AS not_served_followed_12,
       count(*) FILTER (WHERE NOT served AND observed_12 AND entered_12) AS not_served_entered_12,
       count(*) FILTER (WHERE NOT served AND observed_18) AS not_served_followed_18,
       count(*) FILTER (WHERE NOT served AND observed_18 AND entered_18) AS not_served_entered_18,
       coalesce(sum(days_in_care_12) FILTER (WHERE NOT served AND observed_12), 0) AS not_served_days_12,
       count(*) FILTER (WHERE NOT served AND observed_12 AND NOT looked_after_12) AS not_served_not_in_care_12
FROM stg_bau_cohort
WHERE measured(site_id)
GROUP BY GROUPING SETS ((site_id), ());
