-- title: What happened after the referral, from the LAs' care records
-- definition: For the two groups above, from the young people's SSDA903 episodes (linked on the LA's
--   child ID): the share who started to be looked after within 6, 12 and 18 months of the referral, the
--   mean days looked after in the 12 months from it, and the share not looked after 12 months on. Each
--   share is of the young people whose window the care records cover to its end (referred long enough
--   before the last return's end) and who were not already looked after when referred. Months are counted
--   from the referral in both groups, so MST's months of treatment are inside the window.
-- requires: [referral, lac_episode, site]
-- columns:
--   grp:              {label: Group}
--   followed_12:      {label: Followed for 12 months, kind: count}
--   entered_6:        {label: Entered care within 6 months, kind: percent, of: entered_6_n, base: observed_6}
--   entered_12:       {label: Within 12 months, kind: percent, of: entered_12_n, base: observed_12}
--   entered_18:       {label: Within 18 months, kind: percent, of: entered_18_n, base: observed_18}
--   days_in_care:     {label: Mean days in care in the 12 months, kind: mean, base: observed_12, format: "0"}
--   not_in_care_12:   {label: Not in care 12 months on, kind: percent, of: not_in_care_12_n, base: observed_12}
--   observed_6:       {label: Followed for 6 months, kind: count, hidden: true}
--   observed_12:      {label: Followed for 12 months (base), kind: count, hidden: true}
--   observed_18:      {label: Followed for 18 months, kind: count, hidden: true}
--   entered_6_n:      {label: Entered care within 6 months (young people), kind: count, hidden: true}
--   entered_12_n:     {label: Entered care within 12 months (young people), kind: count, hidden: true}
--   entered_18_n:     {label: Entered care within 18 months (young people), kind: count, hidden: true}
--   not_in_care_12_n: {label: Not in care 12 months on (young people), kind: count, hidden: true}
WITH m AS (SELECT * FROM measure_care_entry WHERE site_id = getvariable('site') AND period = 'to date'),
    -- the counts are the measure query's (reports/sql/measures/care_entry.sql, left in measure_care_entry)
g AS (
    SELECT 1 AS ord, 'Received MST' AS grp, mst_followed_6 AS observed_6, mst_entered_6 AS entered_6_n,
           mst_followed_12 AS observed_12, mst_entered_12 AS entered_12_n, mst_followed_18 AS observed_18,
           mst_entered_18 AS entered_18_n, mst_days_12 AS days_12, mst_not_in_care_12 AS not_in_care_12_n
    FROM m
    UNION ALL
    SELECT 2, 'Referred, not served', not_served_followed_6, not_served_entered_6, not_served_followed_12, not_served_entered_12,
           not_served_followed_18, not_served_entered_18, not_served_days_12, not_served_not_in_care_12
    FROM m
)
SELECT k.grp,
       coalesce(g.observed_12, 0) AS followed_12,
       coalesce(g.observed_6, 0) AS observed_6,
       coalesce(g.observed_12, 0) AS observed_12,
       coalesce(g.observed_18, 0) AS observed_18,
       coalesce(g.entered_6_n, 0) AS entered_6_n,
       coalesce(g.entered_12_n, 0) AS entered_12_n,
       coalesce(g.entered_18_n, 0) AS entered_18_n,
       g.days_12 / nullif(g.observed_12, 0) AS days_in_care,
       coalesce(g.not_in_care_12_n, 0) AS not_in_care_12_n
FROM (VALUES (1, 'Received MST'), (2, 'Referred, not served')) AS k(ord, grp)
LEFT JOIN g ON g.ord = k.ord
WHERE EXISTS (SELECT 1 FROM stg_site_care_cover WHERE site_id = getvariable('site'))
ORDER BY k.ord;
