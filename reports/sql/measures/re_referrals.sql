-- Measure query: re-referrals within 12 months of closure. The cases closed in the twelve months that
-- ended twelve months before the month end (each has had a full year since discharge) whose referral
-- names the young person, by site and for all the measured sites together (site_id ALL_SITES); and how
-- many of them were referred again (any site) after the discharge date and within 12 months of it.
-- Serves re_referrals (reports/metrics.yml).
-- requires: [case_closure, referral]
WITH closed AS (
    SELECT site_id, case_key, young_person_key, end_date
    FROM stg_closure
    WHERE measured(site_id)
      AND young_person_key IS NOT NULL
      AND end_date BETWEEN CAST(getvariable('window_start') - INTERVAL 12 MONTH AS DATE)
                       AND CAST(getvariable('month_end') - INTERVAL 12 MONTH AS DATE)
)
SELECT CASE WHEN grouping(c.site_id) = 1 THEN 'ALL_SITES' ELSE c.site_id END AS site_id,
       '12 months' AS period,
       count(*) AS closures,
       count(*) FILTER (WHERE EXISTS (
           SELECT 1 FROM stg_referral r
           WHERE r.young_person_key = c.young_person_key
             AND r.referral_date > c.end_date
             AND r.referral_date <= c.end_date + INTERVAL 12 MONTH)) AS re_referred
FROM closed c
GROUP BY GROUPING SETS ((c.site_id), ());
