-- title: Second reference: adolescents starting to be looked after in the LA
-- definition: From each LA's own SSDA903 return for the latest collection year that ended by the pack's
--   month: children aged 10 to 17 (age at the start, from the month of birth in the header table) who
--   started to be looked after in the year (an episode with RNE S), and that number per 10,000 children
--   aged 0 to 17 in the LA (la_reference's population; the lake has no population of 10 to 17 year olds).
--   A reference for how often adolescents enter care in the LA at all, not a comparison group.
-- requires: [lac_episode, lac_child, site, la_reference]
-- empty: No complete year of care records (SSDA903) for the local authorities this service works in.
-- columns:
--   la:               {label: Local authority}
--   year:             {label: Year}
--   starts_10_17:     {label: Aged 10-17 starting care, kind: count}
--   per_10000:        {label: "Per 10,000 children", kind: mean, base: starts_10_17, format: "0.0"}
WITH y AS (
    SELECT u.la_code, max(e.collection_year) AS collection_year
    FROM site s, unnest(s.la_codes) AS u(la_code)
    JOIN lac_episode e ON e.la_code = u.la_code
    WHERE s.site_id = getvariable('site')
      AND make_date(CAST(e.collection_year AS INT), 3, 31) <= getvariable('month_end')
    GROUP BY u.la_code
), starts AS (
    SELECT e.la_code, e.child_key, e.decom
    FROM lac_episode e
    JOIN y ON y.la_code = e.la_code AND y.collection_year = e.collection_year
    WHERE e.rne = 'S'
      AND e.decom BETWEEN make_date(CAST(y.collection_year AS INT) - 1, 4, 1) AND make_date(CAST(y.collection_year AS INT), 3, 31)
), aged AS (
    -- whole years at the start from the month of birth (a birthday in the month of the start counts)
    SELECT s.la_code, s.child_key,
           year(s.decom) - year(max(c.birth_month)) - CASE WHEN month(s.decom) < month(max(c.birth_month)) THEN 1 ELSE 0 END AS age
    FROM starts s
    JOIN lac_child c ON c.la_code = s.la_code AND c.child_key = s.child_key
    GROUP BY s.la_code, s.child_key, s.decom
)
SELECT coalesce(r.la_name, y.la_code) || ' (' || y.la_code || ')' AS la,
       (y.collection_year - 1) || '-' || right(CAST(y.collection_year AS VARCHAR), 2) AS year,
       count(a.child_key) FILTER (WHERE a.age BETWEEN 10 AND 17) AS starts_10_17,
       count(a.child_key) FILTER (WHERE a.age BETWEEN 10 AND 17) * 10000.0 / nullif(any_value(r.population_0_17), 0) AS per_10000
FROM y
LEFT JOIN la_reference r ON r.la_code = y.la_code
LEFT JOIN aged a ON a.la_code = y.la_code
GROUP BY y.la_code, y.collection_year, r.la_name
ORDER BY y.la_code;
