-- Ofsted judgement history of one local authority: one row per inspection, newest first, with the
-- grade of each judgement area (a number for charts and the words for tables).
--
-- A cell reads "3 Requires improvement to be good", or "not applicable" / "not judged" when the
-- inspection gave no grade for that area, or is empty when no file recorded it.
--
-- Set first: SET VARIABLE la_code = '801';
-- Run: ./sightline query --file reports/sql/ofsted/judgement_history.sql --set la_code=801
WITH cell AS (
    SELECT
        *,
        CASE
            WHEN grade IS NOT NULL THEN grade || ' ' || grade_label
            ELSE lower(replace(grade_reason, '_', ' '))
        END AS text
    FROM ofsted_judgement
    WHERE la_code = getvariable('la_code')
)
SELECT
    la_code,
    inspection_start,
    max(inspection_end) AS inspection_end,
    max(published_on) AS published_on,
    max(framework) AS framework,
    max(grade) FILTER (WHERE area = 'OVERALL') AS overall_grade,
    max(text) FILTER (WHERE area = 'OVERALL') AS overall_effectiveness,
    max(text) FILTER (WHERE area = 'LEADERS') AS impact_of_leaders,
    max(text) FILTER (WHERE area = 'HELP_AND_PROTECTION') AS help_and_protection,
    max(text) FILTER (WHERE area = 'IN_CARE') AS children_in_care,
    max(text) FILTER (WHERE area = 'CARE_LEAVERS') AS care_leavers,
    max(report_url) AS report_url
FROM cell
GROUP BY la_code, inspection_start
ORDER BY inspection_start DESC
