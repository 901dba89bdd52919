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
WITH c AS (SELECT * FROM stg_bau_cohort WHERE site_id = getvariable('site'))
SELECT g.grp,
       count(*) FILTER (WHERE c.observed_12) AS followed_12,
       count(*) FILTER (WHERE c.observed_6) AS observed_6,
       count(*) FILTER (WHERE c.observed_12) AS observed_12,
       count(*) FILTER (WHERE c.observed_18) AS observed_18,
       count(*) FILTER (WHERE c.observed_6 AND c.entered_6) AS entered_6_n,
       count(*) FILTER (WHERE c.observed_12 AND c.entered_12) AS entered_12_n,
       count(*) FILTER (WHERE c.observed_18 AND c.entered_18) AS entered_18_n,
       avg(c.days_in_care_12) FILTER (WHERE c.observed_12) AS days_in_care,
       count(*) FILTER (WHERE c.observed_12 AND NOT c.looked_after_12) AS not_in_care_12_n
FROM (VALUES (1, 'Received MST'), (2, 'Referred, not served')) AS g(ord, grp)
LEFT JOIN c ON c.grp = g.grp
WHERE EXISTS (SELECT 1 FROM stg_site_care_cover WHERE site_id = getvariable('site'))
GROUP BY g.ord, g.grp
ORDER BY g.ord;
