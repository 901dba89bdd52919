-- title: Outcomes after MST: follow-ups at 6, 12, 18 and 24 months
-- definition: Follow-ups recorded for this site's closed cases, with a follow-up date on or before the
--   end of the pack's month (all years), by months after discharge: the share living at home, not
--   having entered care since discharge, in school or working, and with no new offence.
-- requires: [follow_up]
-- columns:
--   point:           {label: Follow-up}
--   followed_up:     {label: Followed up, kind: count}
--   at_home:         {label: Living at home, kind: percent, of: at_home, base: at_home_base}
--   not_in_care:     {label: Not entered care, kind: percent, of: not_in_care, base: not_in_care_base}
--   in_eet:          {label: In school or working, kind: percent, of: in_eet, base: in_eet_base}
--   no_offence:      {label: No new offence, kind: percent, of: no_offence, base: no_offence_base}
--   at_home_base:    {label: Recorded living at home, kind: count, hidden: true}
--   not_in_care_base: {label: Recorded entered care, kind: count, hidden: true}
--   in_eet_base:     {label: Recorded school or work, kind: count, hidden: true}
--   no_offence_base: {label: Recorded new offence, kind: count, hidden: true}
WITH f AS (
    SELECT months, living_at_home, entered_care, in_education_or_work, new_offence
    FROM follow_up
    WHERE site_id = getvariable('site')
      AND (follow_up_date IS NULL OR follow_up_date <= getvariable('month_end'))
)
SELECT p.months || ' months' AS point,
       count(f.months) AS followed_up,
       count(*) FILTER (WHERE f.living_at_home) AS at_home,
       count(f.living_at_home) AS at_home_base,
       count(*) FILTER (WHERE NOT f.entered_care) AS not_in_care,
       count(f.entered_care) AS not_in_care_base,
       count(*) FILTER (WHERE f.in_education_or_work) AS in_eet,
       count(f.in_education_or_work) AS in_eet_base,
       count(*) FILTER (WHERE NOT f.new_offence) AS no_offence,
       count(f.new_offence) AS no_offence_base
FROM (VALUES (6), (12), (18), (24)) AS p(months)
LEFT JOIN f ON f.months = p.months
GROUP BY p.months
HAVING p.months < 24 OR count(f.months) > 0
ORDER BY p.months;
