-- Placement mix of the children looked after on 31 March, derived from an LA's SSDA903 return
-- (lac_episode): per LA, collection year, placement group (jobs/codes/ssda903.yml PLACE_GROUPS) and
-- placement type, the children whose episode open on 31 March has that placement, and their share.
--
-- Optional: SET VARIABLE la_code = '929';
-- Run: ./sightline query --file reports/sql/lac/ssda903_placements.sql [--set la_code=929]
WITH open_31_march AS (
    SELECT la_code, collection_year, child_key, place, placement_group
    FROM lac_episode
    WHERE decom <= make_date(collection_year::INT, 3, 31)
      AND (dec IS NULL OR dec > make_date(collection_year::INT, 3, 31))
      AND (getvariable('la_code') IS NULL OR la_code = getvariable('la_code'))
    QUALIFY row_number() OVER (PARTITION BY la_code, collection_year, child_key ORDER BY decom DESC) = 1
)
SELECT la_code, collection_year, placement_group, place,
       count(*) AS children,
       round(100.0 * count(*) / sum(count(*)) OVER (PARTITION BY la_code, collection_year), 1) AS percentage
FROM open_31_march
GROUP BY la_code, collection_year, placement_group, place
ORDER BY la_code, collection_year, placement_group, place
