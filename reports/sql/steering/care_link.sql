-- title: Referrals linked to the LAs' care records (SSDA903)
-- definition: The link between this service's referrals and the care records of the LAs it serves,
--   on the LA's child ID only (the referral log's young person ID must be the LA's case-management ID,
--   the one SSDA903 returns give as CHILD; both are normalised and pseudonymised with the same key).
--   Young people referred in the period the records cover, and those found in them (most young people
--   are never looked after, so this share is not a link rate). The link check: of the MST cases the
--   service itself recorded as entering care (closure exit route, or a follow-up saying so by the month
--   end) and referred in that period, the share
--   found in the care records: the link rate. A low link rate means the referral log does not carry the
--   LA's ID (or the young person is looked after by another LA).
-- requires: [referral, lac_episode, site, case_closure, follow_up]
-- layout: kv
-- empty: No care records (SSDA903 returns) are in the lake for the local authorities this service works in.
-- columns:
--   las:             {label: LAs whose care records are in the lake}
--   covered:         {label: Period the records cover}
--   referred:        {label: Young people referred in that period, kind: count}
--   found:           {label: Found in the care records, kind: count}
--   recorded_care:   {label: MST cases recorded by the service as entering care, kind: count}
--   link_rate:       {label: Of these found in the care records (link rate), kind: percent, of: recorded_found, base: recorded_care}
--   recorded_found:  {label: Recorded as entering care and found, kind: count, hidden: true}
WITH cover AS (
    SELECT * FROM stg_site_care_cover WHERE site_id = getvariable('site')
), yp AS (
    SELECT young_person_key, bool_or(in_care_records) AS found
    FROM stg_referral_care
    WHERE site_id = getvariable('site')
      AND referral_date BETWEEN covered_from AND getvariable('month_end')
    GROUP BY young_person_key
), recorded AS (
    -- cases closed by the month end that the service says entered care
    SELECT DISTINCT k.young_person_key
    FROM stg_case k
    WHERE k.site_id = getvariable('site') AND k.end_date <= getvariable('month_end')
      AND (k.exit_route = 'ENTERED_CARE'
           OR k.case_key IN (SELECT case_key FROM follow_up
                             WHERE site_id = getvariable('site') AND entered_care
                               AND (follow_up_date IS NULL OR follow_up_date <= getvariable('month_end'))))
)
SELECT cover.las,
       strftime(cover.covered_from, '%b %Y') || ' to ' || strftime(cover.covered_to, '%b %Y') AS covered,
       (SELECT count(*) FROM yp) AS referred,
       (SELECT count(*) FROM yp WHERE found) AS found,
       (SELECT count(*) FROM recorded JOIN yp USING (young_person_key)) AS recorded_care,
       (SELECT count(*) FROM recorded JOIN yp USING (young_person_key) WHERE yp.found) AS recorded_found
FROM cover;
