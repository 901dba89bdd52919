-- The variables every steering-pack figure reads, with example values. `sightline report steering`
-- sets them itself for each site and month (targets and costs from jobs/targets.yml); to run a
-- figure by hand in DuckDB, edit and read this file after views.sql and the staging models (reports/sql/staging/,
-- in file-name order); a pack table that reads measure_<query> needs that measure query run first.
SET VARIABLE site = 'METRO_CITY';
SET VARIABLE month_start = DATE '2026-10-01';
SET VARIABLE month_end = DATE '2026-10-31';
SET VARIABLE window_start = DATE '2025-11-01';          -- first day of the 12-month window ending with the month
SET VARIABLE history = true;                             -- measure queries also answer for the 60 months before (cover trends)
SET VARIABLE as_of = TIMESTAMP '2026-11-22 00:00:00';   -- when the pack is made (late / missing returns)
SET VARIABLE los_min = 90.0;                            -- length of treatment target, days
SET VARIABLE los_max = 150.0;
SET VARIABLE adherence_threshold = 0.61;                -- TAM-R
SET VARIABLE benchmark_home = 0.90;                     -- MST ultimate outcomes benchmark
SET VARIABLE benchmark_eet = 0.86;
SET VARIABLE benchmark_offence = 0.86;
SET VARIABLE cost_per_case = 10558.0;                   -- Cambridgeshire MST evaluation (2017)
SET VARIABLE benefit_edge = 52032.0;
SET VARIABLE benefit_other = 8976.0;
SET VARIABLE overhead_share = 0.20;
