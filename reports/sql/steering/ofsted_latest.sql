-- title: Latest Ofsted judgements
-- definition: For each local authority the site serves and each judgement area, the grade from the
--   most recent inspection (by inspection start, on or before the end of the pack's month) that
--   judged that area, as reports/sql/ofsted/latest_judgement.sql defines it.
-- requires: [ofsted_judgement, la_reference, site]
-- layout: text
-- empty: No Ofsted judgement is recorded for the local authorities this service works in.
-- columns:
--   la_name:   {label: Local authority}
--   area:      {label: Judgement}
--   grade:     {label: Grade}
--   inspected: {label: Inspected}
WITH las AS (
    SELECT la_code, la_name
    FROM stg_site_la
    WHERE site_id = getvariable('site') AND la_name IS NOT NULL
),
j AS (
    SELECT o.*
    FROM ofsted_judgement o
    WHERE o.inspection_start <= getvariable('month_end')
    QUALIFY row_number() OVER (PARTITION BY o.la_code, o.area ORDER BY o.inspection_start DESC) = 1
)
SELECT las.la_name,
       CASE j.area WHEN 'OVERALL' THEN 'Overall effectiveness'
                   WHEN 'LEADERS' THEN 'Impact of leaders'
                   WHEN 'HELP_AND_PROTECTION' THEN 'Help and protection'
                   WHEN 'IN_CARE' THEN 'Children in care'
                   WHEN 'CARE_LEAVERS' THEN 'Care leavers'
                   ELSE j.area END AS area,
       coalesce(j.grade_label,
                CASE j.grade WHEN 1 THEN 'Outstanding' WHEN 2 THEN 'Good' WHEN 3 THEN 'Requires improvement'
                             WHEN 4 THEN 'Inadequate' END,
                CASE j.grade_reason WHEN 'NOT_APPLICABLE' THEN 'Not applicable' ELSE 'Not judged' END) AS grade,
       strftime(j.inspection_start, '%b %Y') AS inspected
FROM las
JOIN j ON j.la_code = las.la_code
ORDER BY las.la_name, list_position(['OVERALL', 'LEADERS', 'HELP_AND_PROTECTION', 'IN_CARE', 'CARE_LEAVERS'], j.area);
