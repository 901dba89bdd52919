-- Derived from an LA's own SSDA903 returns (lac_episode), per LA and collection year (the year
-- ending 31 March): the figures DfE publishes, computed the way the return defines them, so a
-- service can see its own numbers beside the published ones (ssda903_vs_published.sql).
--
-- looked_after_31_march: children with an episode open on 31 March (DECOM on or before it, DEC
--   empty or after it).
-- started: periods of care that started in the year (episodes with RNE = 'S' and DECOM in the year).
-- ceased: periods of care that ended in the year (episodes with DEC in the year and REC other than
--   'X1', which means a new episode follows in the same period of care).
-- looked_after_during_year: children with any episode open on any day of the year.
-- Each year is taken from that year's return only (a return re-sent replaces it).
--
-- Optional: SET VARIABLE la_code = '929';
-- Run: ./sightline query --file reports/sql/lac/ssda903_summary.sql [--set la_code=929]
SELECT
    e.la_code,
    any_value(r.la_name) AS la_name,
    e.collection_year,
    make_date(e.collection_year::INT, 3, 31) AS period_end,
    count(DISTINCT e.child_key) FILTER (WHERE e.decom <= make_date(e.collection_year::INT, 3, 31)
        AND (e.dec IS NULL OR e.dec > make_date(e.collection_year::INT, 3, 31))) AS looked_after_31_march,
    count(*) FILTER (WHERE e.rne = 'S' AND e.decom BETWEEN make_date(e.collection_year::INT - 1, 4, 1)
        AND make_date(e.collection_year::INT, 3, 31)) AS started,
    count(*) FILTER (WHERE e.dec BETWEEN make_date(e.collection_year::INT - 1, 4, 1) AND make_date(e.collection_year::INT, 3, 31)
        AND e.rec <> 'X1') AS ceased,
    count(DISTINCT e.child_key) FILTER (WHERE e.decom <= make_date(e.collection_year::INT, 3, 31)
        AND (e.dec IS NULL OR e.dec >= make_date(e.collection_year::INT - 1, 4, 1))) AS looked_after_during_year
FROM lac_episode e
LEFT JOIN la_reference r ON r.la_code = e.la_code
WHERE getvariable('la_code') IS NULL OR e.la_code = getvariable('la_code')
GROUP BY e.la_code, e.collection_year
ORDER BY e.la_code, e.collection_year
