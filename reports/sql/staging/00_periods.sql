-- Staging model: the reporting periods and the rule for an open case (macros, no data read).
-- A report sets the variables month_start, month_end and window_start (first day of the twelve
-- months ending with the month; reports/sql/steering/_params.sql has example values) and, for the
-- measures, sites (the site ids measured, a VARCHAR[]).
-- requires: []

-- The twelve reporting months ending with the report's month (oldest first).
CREATE OR REPLACE TEMP MACRO report_months() AS TABLE
SELECT CAST(m AS DATE) AS month_start,
       CAST(m + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE) AS month_end,
       strftime(m, '%b %y') AS month_label
FROM generate_series(CAST(getvariable('window_start') AS TIMESTAMP),
                     CAST(getvariable('month_start') AS TIMESTAMP), INTERVAL 1 MONTH) AS t(m);

-- The periods a measure is worked out for: the month, and the twelve months ending with it; and for the
-- cover's year-earlier values and trend lines, the same two periods ending with each of the 60 months up
-- to the month ('month ending 2025-10', '12 months ending 2025-10': the month, and the twelve months
-- ending with it). A measure query that joins report_periods() answers for all of them in one run.
CREATE OR REPLACE TEMP MACRO report_periods() AS TABLE
SELECT * FROM (VALUES ('month', CAST(getvariable('month_start') AS DATE), CAST(getvariable('month_end') AS DATE)),
                      ('12 months', CAST(getvariable('window_start') AS DATE), CAST(getvariable('month_end') AS DATE)))
              AS t(period, period_start, period_end)
UNION ALL
SELECT g.kind || ' ending ' || strftime(m, '%Y-%m') AS period,
       CAST(CASE WHEN g.kind = 'month' THEN m ELSE m - INTERVAL 11 MONTH END AS DATE) AS period_start,
       CAST(m + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE) AS period_end
FROM generate_series(CAST(getvariable('month_start') AS TIMESTAMP) - INTERVAL 59 MONTH,
                     CAST(getvariable('month_start') AS TIMESTAMP), INTERVAL 1 MONTH) AS t(m),
     (VALUES ('month'), ('12 months')) AS g(kind);

-- An open case at the end of day d: started on or before d and not closed by then.
CREATE OR REPLACE TEMP MACRO open_at(start_date, end_date, d) AS
    start_date <= d AND (end_date IS NULL OR end_date > d);

-- A case open at any time from day a to day b: started by b, not closed before a.
CREATE OR REPLACE TEMP MACRO open_during(start_date, end_date, a, b) AS
    start_date <= b AND (end_date IS NULL OR end_date >= a);

-- Whether a site is one of the sites measured (getvariable('sites')).
CREATE OR REPLACE TEMP MACRO measured(site) AS list_contains(getvariable('sites'), site);
