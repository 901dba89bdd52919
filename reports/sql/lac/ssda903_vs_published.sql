-- An LA's own numbers (derived from its SSDA903 return, ssda903_summary.sql) beside the numbers
-- DfE published for it (starts_and_ceased.sql), per LA and year ending 31 March. A difference is
-- expected while the return is provisional, or where DfE suppressed or rounded a figure.
--
-- Optional: SET VARIABLE la_code = '929';
-- Run: ./sightline query --file reports/sql/lac/ssda903_vs_published.sql [--set la_code=929]
WITH own AS (
    SELECT la_code, make_date(collection_year::INT, 3, 31) AS period_end,
           count(DISTINCT child_key) FILTER (WHERE decom <= make_date(collection_year::INT, 3, 31)
               AND (dec IS NULL OR dec > make_date(collection_year::INT, 3, 31))) AS looked_after_31_march,
           count(*) FILTER (WHERE rne = 'S' AND decom BETWEEN make_date(collection_year::INT - 1, 4, 1)
               AND make_date(collection_year::INT, 3, 31)) AS started,
           count(*) FILTER (WHERE dec BETWEEN make_date(collection_year::INT - 1, 4, 1) AND make_date(collection_year::INT, 3, 31)
               AND rec <> 'X1') AS ceased
    FROM lac_episode
    WHERE getvariable('la_code') IS NULL OR la_code = getvariable('la_code')
    GROUP BY ALL
),
published AS (
    SELECT area_code AS la_code, period_end,
           max(value) FILTER (WHERE measure = 'cla_on_31_march') AS looked_after_31_march,
           max(value) FILTER (WHERE measure = 'cla_started') AS started,
           max(value) FILTER (WHERE measure = 'cla_ceased') AS ceased
    FROM lac_statistic
    WHERE geographic_level = 'LOCAL_AUTHORITY' AND measure IN ('cla_on_31_march', 'cla_started', 'cla_ceased')
    GROUP BY ALL
)
SELECT o.la_code, o.period_end,
       o.looked_after_31_march AS own_looked_after_31_march, p.looked_after_31_march AS published_looked_after_31_march,
       o.started AS own_started, p.started AS published_started,
       o.ceased AS own_ceased, p.ceased AS published_ceased
FROM own o
LEFT JOIN published p ON p.la_code = o.la_code AND p.period_end = o.period_end
ORDER BY o.la_code, o.period_end
