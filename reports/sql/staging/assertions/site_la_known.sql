-- Assertion (must return no rows): every LA a site serves is in la_reference, and each site lists
-- an LA once.
-- requires: [site, la_reference]
SELECT site_id, la_code FROM stg_site_la WHERE la_name IS NULL
UNION ALL
SELECT site_id, la_code FROM stg_site_la GROUP BY site_id, la_code HAVING count(*) > 1;
