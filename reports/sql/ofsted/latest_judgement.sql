-- Latest Ofsted judgement per local authority and judgement area.
--
-- For each LA and area: the row of the most recent inspection (by inspection_start) that recorded
-- that area, with a grade (1 Outstanding .. 4 Inadequate) or an empty grade and its reason
-- (NOT_APPLICABLE, e.g. a care-leavers judgement before the inspection introduced it). Normally all
-- areas come from the LA's latest inspection; when a file left an area out, the area falls back to
-- the latest inspection that judged it: compare inspection_start with la_latest_inspection.
--
-- Optional: SET VARIABLE la_code = '801'; restricts it to one LA (unset: every LA).
-- Run: ./sightline query --file reports/sql/ofsted/latest_judgement.sql [--set la_code=801]
SELECT
    j.la_code,
    r.la_name,
    j.area,
    j.grade,
    j.grade_label,
    j.grade_reason,
    j.framework,
    j.inspection_start,
    j.inspection_end,
    j.published_on,
    j.report_url,
    max(j.inspection_start) OVER (PARTITION BY j.la_code) AS la_latest_inspection
FROM ofsted_judgement AS j
LEFT JOIN la_reference AS r ON r.la_code = j.la_code
WHERE getvariable('la_code') IS NULL OR j.la_code = getvariable('la_code')
QUALIFY row_number() OVER (PARTITION BY j.la_code, j.area ORDER BY j.inspection_start DESC) = 1
ORDER BY j.la_code, list_position(['OVERALL', 'LEADERS', 'HELP_AND_PROTECTION', 'IN_CARE', 'CARE_LEAVERS'], j.area)
