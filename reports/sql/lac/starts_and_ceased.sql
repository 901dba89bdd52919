-- Children looked after on 31 March, started and ceased to be looked after during the year, as DfE
-- publishes them (lac_statistic measures cla_on_31_march, cla_started, cla_ceased: the canonical
-- names jobs/codes/dfe.yml gives them whatever the release called them), per geography and year.
-- A suppressed figure is empty, with its symbol in the *_suppression column.
--
-- Optional: SET VARIABLE la_code = '929'; restricts it to one LA and England (unset: every geography).
-- Run: ./sightline query --file reports/sql/lac/starts_and_ceased.sql [--set la_code=929]
SELECT
    geographic_level,
    area_code,
    any_value(area_name) AS area_name,
    time_period,
    period_end,
    max(value) FILTER (WHERE measure = 'cla_on_31_march') AS looked_after_31_march,
    max(suppression) FILTER (WHERE measure = 'cla_on_31_march') AS looked_after_suppression,
    max(value) FILTER (WHERE measure = 'cla_started') AS started,
    max(suppression) FILTER (WHERE measure = 'cla_started') AS started_suppression,
    max(value) FILTER (WHERE measure = 'cla_ceased') AS ceased,
    max(suppression) FILTER (WHERE measure = 'cla_ceased') AS ceased_suppression
FROM lac_statistic
WHERE measure IN ('cla_on_31_march', 'cla_started', 'cla_ceased')
  AND (getvariable('la_code') IS NULL OR area_code = getvariable('la_code') OR geographic_level = 'NATIONAL')
GROUP BY geographic_level, area_code, time_period, period_end
ORDER BY list_position(['NATIONAL', 'REGIONAL', 'LOCAL_AUTHORITY'], geographic_level), area_code, period_end
