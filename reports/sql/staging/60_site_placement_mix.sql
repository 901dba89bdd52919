-- Staging model: the placement mix of each site's local authorities, for pricing a week in care on the
-- cost-benefit page. From DfE's "children looked after on 31 March by placement type" (lac_statistic rows
-- whose breakdown_by is "cla_group | placement_type", as reports/sql/lac/placement_mix.sql reads them): of the
-- children in foster placements or in children's homes and secure units, the share in the latter
-- (residential). One row per site: the latest 31 March on or before the report's month end for which any of
-- the site's LAs (stg_site_la) has both numbers published (not suppressed), summed over those LAs. A site whose LAs have no
-- such figures has no row (the cost-benefit page then uses jobs/targets.yml residential_share, and says so).
-- requires: [site, la_reference, lac_statistic]
CREATE OR REPLACE TEMP VIEW stg_site_placement_mix AS
WITH la_year AS (
    SELECT area_code AS la_code, period_end,
           max(value) FILTER (WHERE split_part(breakdown, ' | ', 2) = 'Foster placements') AS foster,
           max(value) FILTER (WHERE split_part(breakdown, ' | ', 2) ILIKE '%children''s homes%') AS residential
    FROM lac_statistic
    WHERE breakdown_by = 'cla_group | placement_type' AND split_part(breakdown, ' | ', 1) = 'Looked after on 31 March'
      AND geographic_level = 'LOCAL_AUTHORITY' AND measure = 'number' AND value IS NOT NULL
    GROUP BY ALL
),
site_year AS (
    SELECT s.site_id, y.period_end, count(*) AS las, sum(y.residential) AS residential, sum(y.foster) AS foster,
           string_agg(y.la_code, ', ' ORDER BY y.la_code) AS la_codes
    FROM stg_site_la s
    JOIN la_year y ON y.la_code = s.la_code
    WHERE y.foster IS NOT NULL AND y.residential IS NOT NULL AND y.foster + y.residential > 0
      AND y.period_end <= getvariable('month_end')
    GROUP BY ALL
)
SELECT site_id, period_end, las, la_codes, residential, foster, residential / (residential + foster) AS residential_share
FROM site_year
QUALIFY row_number() OVER (PARTITION BY site_id ORDER BY period_end DESC) = 1;
