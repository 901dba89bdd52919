-- The site comparison runs the steering pack's figure SQL once per site; so that 150 sites do not read
-- the lake's Parquet files 150 times, the rows of the compared sites (getvariable('compared_sites'),
-- a VARCHAR[]) are read once into temp tables on the comparison's own DuckDB connection, and temp
-- views of the lake views' names read those instead. Nothing is written to the lake; a statement
-- for a dataset that is not in the lake is skipped; all of it is dropped after the comparison.
CREATE OR REPLACE TEMP TABLE cmp_referral AS
SELECT * FROM memory.main.referral WHERE list_contains(getvariable('compared_sites'), site_id);
CREATE OR REPLACE TEMP VIEW referral AS SELECT * FROM cmp_referral;

CREATE OR REPLACE TEMP TABLE cmp_case_closure AS
SELECT * FROM memory.main.case_closure WHERE list_contains(getvariable('compared_sites'), site_id);
CREATE OR REPLACE TEMP VIEW case_closure AS SELECT * FROM cmp_case_closure;

CREATE OR REPLACE TEMP TABLE cmp_fidelity_tam AS
SELECT * FROM memory.main.fidelity_tam WHERE list_contains(getvariable('compared_sites'), site_id);
CREATE OR REPLACE TEMP VIEW fidelity_tam AS SELECT * FROM cmp_fidelity_tam;

CREATE OR REPLACE TEMP TABLE cmp_site AS
SELECT * FROM memory.main.site WHERE list_contains(getvariable('compared_sites'), site_id);
CREATE OR REPLACE TEMP VIEW site AS SELECT * FROM cmp_site;

CREATE OR REPLACE TEMP TABLE cmp_la_reference AS SELECT * FROM memory.main.la_reference;
CREATE OR REPLACE TEMP VIEW la_reference AS SELECT * FROM cmp_la_reference;

CREATE OR REPLACE TEMP TABLE cmp_lac_statistic AS SELECT * FROM memory.main.lac_statistic;
CREATE OR REPLACE TEMP VIEW lac_statistic AS SELECT * FROM cmp_lac_statistic;

CREATE OR REPLACE TEMP TABLE cmp_ofsted_judgement AS SELECT * FROM memory.main.ofsted_judgement;
CREATE OR REPLACE TEMP VIEW ofsted_judgement AS SELECT * FROM cmp_ofsted_judgement;
