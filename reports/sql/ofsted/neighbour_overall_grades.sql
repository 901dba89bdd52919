-- For one local authority: the distribution of its statistical neighbours' latest overall
-- effectiveness grades (la_reference.statistical_neighbours, usually ten LAs).
--
-- One row per grade 1-4 (zero counts included, so a chart always has four bars), then one row for
-- neighbours without an overall grade in the lake (never loaded, or the latest overall judgement has
-- no grade). percent is of all the LA's neighbours. la_codes lists which neighbours.
--
-- Set first: SET VARIABLE la_code = '801';
-- Run: ./sightline query --file reports/sql/ofsted/neighbour_overall_grades.sql --set la_code=801
WITH neighbour AS (
    SELECT unnest(statistical_neighbours) AS la_code
    FROM la_reference
    WHERE la_code = getvariable('la_code')
),
latest_overall AS (
    SELECT la_code, grade
    FROM ofsted_judgement
    WHERE area = 'OVERALL'
    QUALIFY row_number() OVER (PARTITION BY la_code ORDER BY inspection_start DESC) = 1
),
graded AS (
    SELECT n.la_code, o.grade
    FROM neighbour AS n
    LEFT JOIN latest_overall AS o ON o.la_code = n.la_code
),
total AS (
    SELECT count(*) AS n FROM graded
),
scale(grade, label) AS (
    VALUES (1, 'Outstanding'), (2, 'Good'), (3, 'Requires improvement (Adequate before 2013)'), (4, 'Inadequate')
)
SELECT
    s.grade,
    s.label,
    count(g.la_code) AS neighbours,
    round(100.0 * count(g.la_code) / nullif(any_value(t.n), 0), 1) AS percent,
    coalesce(list_sort(list(g.la_code) FILTER (WHERE g.la_code IS NOT NULL)), []::VARCHAR[]) AS la_codes
FROM scale AS s
CROSS JOIN total AS t
LEFT JOIN graded AS g ON g.grade = s.grade
GROUP BY s.grade, s.label
UNION ALL
SELECT
    NULL,
    'No overall grade in the lake',
    count(g.la_code),
    round(100.0 * count(g.la_code) / nullif(any_value(t.n), 0), 1),
    coalesce(list_sort(list(g.la_code) FILTER (WHERE g.la_code IS NOT NULL)), []::VARCHAR[])
FROM total AS t
LEFT JOIN graded AS g ON g.grade IS NULL
ORDER BY grade NULLS LAST
