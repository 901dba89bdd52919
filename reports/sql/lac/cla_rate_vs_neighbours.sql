-- Children looked after per 10,000 children under 18, for one LA, its statistical neighbours and
-- England, for every year DfE published a rate for the LA (the lake may hold several releases).
--
-- rate: DfE's published rate (lac_statistic measure cla_on_31_march_rate_per_10000: the canonical
-- name jobs/codes/dfe.yml gives it whatever the release called it, e.g. rate_per_10000 beside
-- "Children looked after at 31 March each year" in 2023, "... on 31 March each year" in 2025); empty
-- where DfE suppressed it (suppression says how).
-- neighbours_mean: the simple mean of the published rates of the LA's statistical neighbours
-- (la_reference.statistical_neighbours) that have one for the year; a neighbour that has ceased to
-- exist counts as its successors, only when la_reference lists them (successor_la_codes).
-- neighbours_with_rate: how many neighbours the mean is over. england: the national rate.
--
-- Required: SET VARIABLE la_code = '929';
-- Run: ./sightline query --file reports/sql/lac/cla_rate_vs_neighbours.sql --set la_code=929
WITH published AS (
    SELECT geographic_level, area_code, period_end, time_period, value, suppression
    FROM lac_statistic
    WHERE measure = 'cla_on_31_march_rate_per_10000'
),
successors AS (
    SELECT la_code AS retired, unnest(successor_la_codes) AS successor FROM la_reference
),
neighbours AS (
    SELECT DISTINCT coalesce(s.successor, n.code) AS la_code
    FROM la_reference l, unnest(l.statistical_neighbours) AS n(code)
    LEFT JOIN successors s ON s.retired = n.code
    WHERE l.la_code = getvariable('la_code')
),
years AS (
    SELECT DISTINCT period_end, time_period FROM published
    WHERE geographic_level = 'LOCAL_AUTHORITY' AND area_code = getvariable('la_code')
)
SELECT
    getvariable('la_code') AS la_code,
    (SELECT la_name FROM la_reference WHERE la_code = getvariable('la_code')) AS la_name,
    y.time_period,
    y.period_end,
    la.value AS rate,
    la.suppression AS rate_suppression,
    (SELECT avg(p.value) FROM published p JOIN neighbours n ON n.la_code = p.area_code
      WHERE p.geographic_level = 'LOCAL_AUTHORITY' AND p.period_end = y.period_end) AS neighbours_mean,
    (SELECT count(p.value) FROM published p JOIN neighbours n ON n.la_code = p.area_code
      WHERE p.geographic_level = 'LOCAL_AUTHORITY' AND p.period_end = y.period_end) AS neighbours_with_rate,
    (SELECT count(*) FROM neighbours) AS neighbours,
    eng.value AS england
FROM years y
LEFT JOIN published la ON la.geographic_level = 'LOCAL_AUTHORITY' AND la.area_code = getvariable('la_code') AND la.period_end = y.period_end
LEFT JOIN published eng ON eng.geographic_level = 'NATIONAL' AND eng.period_end = y.period_end
ORDER BY y.period_end
