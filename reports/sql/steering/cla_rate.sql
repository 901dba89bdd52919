-- title: Children looked after per 10,000 children, last five years
-- definition: Children looked after at 31 March per 10,000 children under 18, as DfE publishes it, for
--   each local authority the site serves, the mean of that authority's statistical neighbours
--   (la_reference) that have a published rate, and England. The five latest years published on or
--   before the end of the pack's month.
-- requires: [lac_statistic, la_reference, site]
-- columns:
--   area: {label: Area}
--   year: {label: Year to 31 March}
--   rate: {label: Rate per 10,000, kind: decimal, format: "0"}
WITH rates AS (
    SELECT geographic_level, la_code, period_end, avg(value) AS rate
    FROM lac_statistic
    WHERE unit = 'per_10000' AND value IS NOT NULL
      AND coalesce(breakdown, 'Total') IN ('Total', 'All children', 'Total | Total')
      AND period_end <= getvariable('month_end')
      AND geographic_level IN ('NATIONAL', 'LOCAL_AUTHORITY')
    GROUP BY ALL
),
years AS (
    SELECT DISTINCT period_end FROM rates ORDER BY period_end DESC LIMIT 5
),
las AS (
    SELECT l.la_code, l.la_name, l.statistical_neighbours, row_number() OVER (ORDER BY l.la_name) AS ord
    FROM site s, unnest(s.la_codes) AS u(code)
    JOIN la_reference l ON l.la_code = u.code
    WHERE s.site_id = getvariable('site')
),
series AS (
    SELECT las.ord * 10 AS ord, las.la_name AS area, y.period_end, r.rate
    FROM las CROSS JOIN years y
    LEFT JOIN rates r ON r.geographic_level = 'LOCAL_AUTHORITY' AND r.la_code = las.la_code AND r.period_end = y.period_end
    UNION ALL
    SELECT las.ord * 10 + 1, las.la_name || ': statistical neighbours (mean)', y.period_end,
           (SELECT avg(r.rate) FROM rates r
             WHERE r.geographic_level = 'LOCAL_AUTHORITY' AND r.period_end = y.period_end
               AND list_contains(las.statistical_neighbours, r.la_code))
    FROM las CROSS JOIN years y
    UNION ALL
    SELECT 1000, 'England', y.period_end, r.rate
    FROM years y LEFT JOIN rates r ON r.geographic_level = 'NATIONAL' AND r.period_end = y.period_end
)
SELECT area, CAST(year(period_end) AS VARCHAR) AS year, rate
FROM series
ORDER BY ord, period_end;
