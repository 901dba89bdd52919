-- title: Who was in each group
-- definition: Edge-of-care young people referred to this service from the start of the LAs' care
--   records (SSDA903 returns in the lake) to the end of the month, each once (their first edge-of-care
--   referral), as at the month end: received MST (the case started), or referred but not served
--   (declined, withdrawn, or accepted and not started eight weeks after the decision). Referrals awaiting
--   a decision or a start are in neither group. Looked after when referred: from the care records.
--   Staging model: reports/sql/staging/60_care.sql (stg_bau_cohort).
-- requires: [referral, lac_episode, site]
-- empty: No care records (SSDA903 returns) are in the lake for the local authorities this service works in, so there is no comparison group to show. Load the LAs' returns (episodes and header tables) to see it.
-- columns:
--   grp:            {label: Group}
--   referred:       {label: Referred}
--   young_people:   {label: Young people, kind: count}
--   mean_age:       {label: Mean age at referral, kind: mean, base: young_people, format: "0.0"}
--   from_csc:       {label: Referred by social care, kind: percent, of: csc, base: young_people}
--   from_yos:       {label: Referred by youth justice, kind: percent, of: yos, base: young_people}
--   looked_after:   {label: Already looked after when referred, kind: percent, of: looked_after_n, base: young_people}
--   csc:            {label: Referred by social care (young people), kind: count, hidden: true}
--   yos:            {label: Referred by youth justice (young people), kind: count, hidden: true}
--   looked_after_n: {label: Already looked after (young people), kind: count, hidden: true}
WITH c AS (SELECT * FROM stg_bau_cohort WHERE site_id = getvariable('site'))
SELECT g.grp,
       CASE WHEN count(c.referral_key) = 0 THEN ''
            ELSE strftime(min(c.referral_date), '%b %y') || ' to ' || strftime(max(c.referral_date), '%b %y') END AS referred,
       count(c.referral_key) AS young_people,
       avg(c.age_at_referral) AS mean_age,
       count(*) FILTER (WHERE c.referral_source = 'CSC') AS csc,
       count(*) FILTER (WHERE c.referral_source = 'YOS') AS yos,
       count(*) FILTER (WHERE c.looked_after_at_referral) AS looked_after_n
FROM (VALUES (1, 'Received MST'), (2, 'Referred, not served')) AS g(ord, grp)
LEFT JOIN c ON c.grp = g.grp
WHERE EXISTS (SELECT 1 FROM stg_site_care_cover WHERE site_id = getvariable('site'))
GROUP BY g.ord, g.grp
ORDER BY g.ord;
