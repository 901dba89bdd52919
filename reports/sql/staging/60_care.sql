-- Staging model: care records (the LAs' SSDA903 returns, lac_episode) and their link to referrals.
-- A referral links to a care record on the LA's child ID only: the referral log's young person ID
-- (referral.young_person_key) and SSDA903's CHILD (lac_episode.child_key), both normalised and
-- pseudonymised with the lake's one key (privacy pseudonymise-child-id), within the LAs the site
-- serves. Never on names or dates of birth (the lake holds neither).
-- requires: [referral, lac_episode, site]

-- Each episode once (LA, child, DECOM), as the latest return holding it says: an episode open at one
-- year end is in the next year's return too, which knows its DEC.
CREATE OR REPLACE TEMP VIEW stg_care_episode AS
SELECT la_code, child_key, decom, dec, rne, place, placement_group
FROM lac_episode
QUALIFY row_number() OVER (PARTITION BY la_code, child_key, decom ORDER BY collection_year DESC) = 1;

-- What a site's care records cover: the returns of the LAs it serves, from 1 April of the first
-- collection year to 31 March of the last, or the report's month end when that is earlier (an
-- in-year extract for the current year covers up to the month the report is for).
CREATE OR REPLACE TEMP VIEW stg_site_care_cover AS
SELECT s.site_id,
       min(make_date(CAST(y.collection_year AS INT) - 1, 4, 1)) AS covered_from,
       least(max(make_date(CAST(y.collection_year AS INT), 3, 31)), CAST(getvariable('month_end') AS DATE)) AS covered_to,
       string_agg(DISTINCT y.la_code, ', ' ORDER BY y.la_code) AS las
FROM site s, unnest(s.la_codes) AS u(la_code)
JOIN (SELECT DISTINCT la_code, collection_year FROM lac_episode) y ON y.la_code = u.la_code
GROUP BY s.site_id;

-- A referral with the young person's care record, for sites whose LAs' returns are in the lake:
-- found in the records at all, looked after on the referral date, the first period of care that
-- started after it (an episode with RNE S), the days looked after in the 12 months from it and
-- whether looked after 12 months on (counted up to covered_to only; whether a window is observed is
-- the reader's test: referral_date + the window <= covered_to).
CREATE OR REPLACE TEMP VIEW stg_referral_care AS
WITH r AS (
    SELECT r.*, c.covered_from, c.covered_to, CAST(r.referral_date + INTERVAL 12 MONTH AS DATE) AS year_on
    FROM stg_referral r
    JOIN stg_site_care_cover c ON c.site_id = r.site_id
), e AS (
    SELECT r.site_id, r.referral_key, ep.decom, ep.dec, ep.rne
    FROM r
    JOIN site s ON s.site_id = r.site_id
    JOIN stg_care_episode ep ON ep.child_key = r.young_person_key AND list_contains(s.la_codes, ep.la_code)
    WHERE ep.decom <= r.covered_to
)
SELECT r.site_id, r.referral_key, r.young_person_key, r.referral_date, r.age_at_referral, r.referral_source,
       r.edge_of_care, r.decision, r.decision_date, r.case_start_date, r.covered_from, r.covered_to,
       count(e.decom) > 0 AS in_care_records,
       coalesce(bool_or(e.decom <= r.referral_date AND (e.dec IS NULL OR e.dec > r.referral_date)), false) AS looked_after_at_referral,
       min(e.decom) FILTER (WHERE e.rne = 'S' AND e.decom > r.referral_date) AS care_entry_date,
       -- (greatest and least skip NULLs in DuckDB: only the linked episodes count)
       coalesce(sum(greatest(0, datediff('day', greatest(e.decom, r.referral_date),
                                        least(coalesce(e.dec, r.covered_to), r.year_on)))) FILTER (WHERE e.decom IS NOT NULL), 0) AS days_in_care_12,
       coalesce(bool_or(e.decom <= r.year_on AND (e.dec IS NULL OR e.dec > r.year_on)), false) AS looked_after_12
FROM r
LEFT JOIN e ON e.site_id = r.site_id AND e.referral_key = r.referral_key
GROUP BY ALL;

-- The business-as-usual comparison's young people: each young person's first edge-of-care referral
-- received from the start of the care records to the month end, in one of two groups as at the month
-- end: 'Received MST' (the case started) or 'Referred, not served' (declined or withdrawn, or accepted
-- and not started eight weeks after the decision). Referrals still awaiting a decision or a start are
-- in neither. observed_6/12/18: the window from the referral is inside the care records and the young
-- person was not already looked after when referred (the base of the care-entry shares).
CREATE OR REPLACE TEMP VIEW stg_bau_cohort AS
WITH first AS (
    SELECT *,
           case_start_date IS NOT NULL AND case_start_date <= getvariable('month_end') AS served
    FROM stg_referral_care
    WHERE edge_of_care AND referral_date >= covered_from AND referral_date <= getvariable('month_end')
    QUALIFY row_number() OVER (PARTITION BY site_id, young_person_key ORDER BY referral_date, referral_key) = 1
)
SELECT *,
       CASE WHEN served THEN 'Received MST' ELSE 'Referred, not served' END AS grp,
       NOT looked_after_at_referral AND CAST(referral_date + INTERVAL 6 MONTH AS DATE) <= covered_to AS observed_6,
       NOT looked_after_at_referral AND CAST(referral_date + INTERVAL 12 MONTH AS DATE) <= covered_to AS observed_12,
       NOT looked_after_at_referral AND CAST(referral_date + INTERVAL 18 MONTH AS DATE) <= covered_to AS observed_18,
       care_entry_date IS NOT NULL AND care_entry_date <= CAST(referral_date + INTERVAL 6 MONTH AS DATE) AS entered_6,
       care_entry_date IS NOT NULL AND care_entry_date <= CAST(referral_date + INTERVAL 12 MONTH AS DATE) AS entered_12,
       care_entry_date IS NOT NULL AND care_entry_date <= CAST(referral_date + INTERVAL 18 MONTH AS DATE) AS entered_18
FROM first
WHERE served
   OR (decision IN ('DECLINED', 'WITHDRAWN') AND coalesce(decision_date, referral_date) <= getvariable('month_end'))
   OR (decision = 'ACCEPTED' AND coalesce(decision_date, referral_date) + INTERVAL 56 DAY <= getvariable('month_end'));
