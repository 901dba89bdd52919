-- Placement mix of the children looked after on 31 March, as DfE publishes it: for each LA and
-- year, the number and percentage in each placement type (lac_statistic rows whose breakdown_by is
-- "cla_group | placement_type"), beside England's percentage where the table has it.
--
-- Optional: SET VARIABLE la_code = '929';
-- Run: ./sightline query --file reports/sql/lac/placement_mix.sql [--set la_code=929]
WITH mix AS (
    SELECT geographic_level, area_code, area_name, time_period, period_end,
           split_part(breakdown, ' | ', 2) AS placement_type,
           max(value) FILTER (WHERE measure = 'number') AS number,
           max(suppression) FILTER (WHERE measure = 'number') AS number_suppression,
           max(value) FILTER (WHERE measure = 'percentage') AS percentage,
           max(suppression) FILTER (WHERE measure = 'percentage') AS percentage_suppression
    FROM lac_statistic
    WHERE breakdown_by = 'cla_group | placement_type' AND split_part(breakdown, ' | ', 1) = 'Looked after on 31 March'
    GROUP BY ALL
)
SELECT m.area_code AS la_code, m.area_name AS la_name, m.time_period, m.period_end, m.placement_type,
       m.number, m.number_suppression, m.percentage, m.percentage_suppression, e.percentage AS england_percentage
FROM mix m
LEFT JOIN mix e ON e.geographic_level = 'NATIONAL' AND e.period_end = m.period_end AND e.placement_type = m.placement_type
WHERE m.geographic_level = 'LOCAL_AUTHORITY' AND (getvariable('la_code') IS NULL OR m.area_code = getvariable('la_code'))
ORDER BY m.area_code, m.period_end, m.placement_type
