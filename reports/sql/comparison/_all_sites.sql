-- The all-site line of the site comparison: the steering pack's own figure SQL
-- (reports/sql/steering/*.sql) run over every compared site as if they were one site.
-- These temp views shadow the lake views on the comparison's own DuckDB connection only: the rows of
-- the compared sites (getvariable('compared_sites'), a VARCHAR[]) with site_id set to 'ALL_SITES'.
-- The site register becomes one row whose therapist FTE is the sum over the compared sites open at
-- the month end (getvariable('month_end')). Sightline drops the views again after the all-site line;
-- a statement for a dataset that is not in the lake is skipped. They read the temp tables of _cache.sql.
CREATE OR REPLACE TEMP VIEW referral AS
SELECT * REPLACE ('ALL_SITES' AS site_id) FROM cmp_referral;

CREATE OR REPLACE TEMP VIEW case_closure AS
SELECT * REPLACE ('ALL_SITES' AS site_id) FROM cmp_case_closure;

CREATE OR REPLACE TEMP VIEW fidelity_tam AS
SELECT * REPLACE ('ALL_SITES' AS site_id) FROM cmp_fidelity_tam;

CREATE OR REPLACE TEMP VIEW site AS
SELECT 'ALL_SITES' AS site_id,
       (SELECT sum(fte) FROM (SELECT max(therapists_fte) AS fte FROM cmp_site
                              WHERE (closed_on IS NULL OR closed_on > getvariable('month_end'))
                              GROUP BY site_id)) AS therapists_fte;
