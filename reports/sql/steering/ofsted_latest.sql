-- title: Latest Ofsted judgements
-- definition: For each local authority the site serves, the judgements of its latest Ofsted inspection
--   of children's services (by inspection start date), as published.
-- requires: [ofsted_judgement, la_reference, site]
-- layout: text
-- columns:
--   la_name:   {label: Local authority}
--   area:      {label: Judgement}
--   grade:     {label: Grade}
--   inspected: {label: Inspected}
WITH las AS (
    SELECT l.la_code, l.la_name
    FROM site s, unnest(s.la_codes) AS u(code)
    JOIN la_reference l ON l.la_code = u.code
    WHERE s.site_id = getvariable('site')
),
j AS (
    SELECT o.*, max(o.inspection_start) OVER (PARTITION BY o.la_code) AS latest
    FROM ofsted_judgement o
    WHERE o.inspection_start <= getvariable('month_end')
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
                             WHEN 4 THEN 'Inadequate' ELSE 'Not judged' END) AS grade,
       strftime(j.inspection_start, '%b %Y') AS inspected
FROM las
JOIN j ON j.la_code = las.la_code AND j.inspection_start = j.latest
ORDER BY las.la_name,
         CASE j.area WHEN 'OVERALL' THEN 1 WHEN 'LEADERS' THEN 2 WHEN 'HELP_AND_PROTECTION' THEN 3
                     WHEN 'IN_CARE' THEN 4 WHEN 'CARE_LEAVERS' THEN 5 ELSE 6 END;
