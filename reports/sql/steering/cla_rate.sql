-- title: Children looked after per 10,000 children, last five years
-- definition: Children looked after on 31 March per 10,000 children under 18, as DfE publishes it
--   (lac_statistic, measure cla_on_31_march_rate_per_10000, whatever the release called it), for each
--   local authority the site serves; the simple mean of that authority's statistical neighbours'
--   published rates (la_reference; a retired neighbour counts as its successors); and England. The
--   five latest years published on or before the end of the pack's month (columns: years to 31 March;
--   blank where DfE suppressed the figure). Same definition as
--   reports/sql/lac/cla_rate_vs_neighbours.sql.
-- requires: [lac_statistic, la_reference, site]
-- columns:
--   area:     {label: "Rate per 10,000 children"}
--   y1:       {label: "=y1_label", kind: decimal, format: "0"}
--   y2:       {label: "=y2_label", kind: decimal, format: "0"}
--   y3:       {label: "=y3_label", kind: decimal, format: "0"}
--   y4:       {label: "=y4_label", kind: decimal, format: "0"}
--   y5:       {label: "=y5_label", kind: decimal, format: "0"}
--   y1_label: {label: First year, hidden: true}
--   y2_label: {label: Second year, hidden: true}
--   y3_label: {label: Third year, hidden: true}
--   y4_label: {label: Fourth year, hidden: true}
--   y5_label: {label: Latest year, hidden: true}
WITH published AS (
    SELECT geographic_level, la_code, period_end, time_period, value
    FROM lac_statistic
    WHERE measure = 'cla_on_31_march_rate_per_10000'
      AND period_end <= getvariable('month_end')
),
las AS (
    SELECT l.la_code, l.la_name, l.statistical_neighbours, row_number() OVER (ORDER BY l.la_name) AS ord
    FROM site s, unnest(s.la_codes) AS u(code)
    JOIN la_reference l ON l.la_code = u.code
    WHERE s.site_id = getvariable('site')
),
successors AS (
    SELECT la_code AS retired, unnest(successor_la_codes) AS successor FROM la_reference
),
neighbours AS (
    SELECT DISTINCT las.la_code AS of_la, coalesce(s.successor, n.code) AS la_code
    FROM las, unnest(las.statistical_neighbours) AS n(code)
    LEFT JOIN successors s ON s.retired = n.code
),
latest AS (
    SELECT DISTINCT period_end, time_period
    FROM published
    WHERE geographic_level = 'LOCAL_AUTHORITY' AND la_code IN (SELECT la_code FROM las)
    ORDER BY period_end DESC
    LIMIT 5
),
years AS (
    SELECT period_end, time_period, row_number() OVER (ORDER BY period_end) AS n FROM latest
),
series AS (
    SELECT las.ord * 10 AS ord, las.la_name AS area, y.n, y.time_period, p.value AS rate
    FROM las CROSS JOIN years y
    LEFT JOIN published p ON p.geographic_level = 'LOCAL_AUTHORITY' AND p.la_code = las.la_code AND p.period_end = y.period_end
    UNION ALL
    SELECT las.ord * 10 + 1, las.la_name || ': statistical neighbours (mean)', y.n, y.time_period,
           (SELECT avg(p.value) FROM published p JOIN neighbours n ON n.la_code = p.la_code AND n.of_la = las.la_code
             WHERE p.geographic_level = 'LOCAL_AUTHORITY' AND p.period_end = y.period_end)
    FROM las CROSS JOIN years y
    UNION ALL
    SELECT 1000, 'England', y.n, y.time_period, p.value
    FROM years y LEFT JOIN published p ON p.geographic_level = 'NATIONAL' AND p.period_end = y.period_end
)
SELECT area,
       max(rate) FILTER (WHERE n = 1) AS y1, max(rate) FILTER (WHERE n = 2) AS y2, max(rate) FILTER (WHERE n = 3) AS y3,
       max(rate) FILTER (WHERE n = 4) AS y4, max(rate) FILTER (WHERE n = 5) AS y5,
       (SELECT time_period FROM years WHERE n = 1) AS y1_label, (SELECT time_period FROM years WHERE n = 2) AS y2_label,
       (SELECT time_period FROM years WHERE n = 3) AS y3_label, (SELECT time_period FROM years WHERE n = 4) AS y4_label,
       (SELECT time_period FROM years WHERE n = 5) AS y5_label
FROM series
GROUP BY ord, area
ORDER BY ord;
