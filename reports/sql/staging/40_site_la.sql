-- Staging model: a site's local authorities. One row per site and LA code it serves (site.la_codes),
-- with the LA's name from la_reference (NULL when la_reference does not list the code).
-- requires: [site, la_reference]
CREATE OR REPLACE TEMP VIEW stg_site_la AS
SELECT s.site_id, u.la_code, l.la_name
FROM site s, unnest(s.la_codes) AS u(la_code)
LEFT JOIN la_reference l ON l.la_code = u.la_code;
