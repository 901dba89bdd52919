-- Measure query: cases closed in the period (stg_closure), by site and period, and for all the
-- measured sites together (site_id ALL_SITES): days in treatment, the ultimate outcomes at discharge
-- (each with the closures that record it), edge of care, and the cost-benefit estimate (the one
-- definition of it: the cover's FROI tile, the comparison's column and the cost-benefit page read these
-- columns). Serves edge_of_care, length, at_home, in_school, no_offence and froi (reports/metrics.yml).
--
-- Cost-benefit, with each site's assumptions (site_target, from jobs/targets.yml cost_benefit):
--   credited       a closure whose outcome is observed good. Edge of care (from the case's referral):
--                  living at home at discharge (care prevented or reunified) and, once a follow-up is due
--                  (discharge + 6 or 12 months on or before the month end), the latest one due recorded by
--                  the month end and saying the young person has not entered care since discharge (within
--                  twelve months of closures no 12-month follow-up is due yet, so the 6-month one is the
--                  check there). Other cases: living at home and no new offence at discharge.
--   benefits       edge-of-care cases credited x weeks in care avoided (low / central / high) x the cost of
--                  a week in care at the site's LAs' placement mix (stg_site_placement_mix; else the
--                  residential_share of targets.yml), + other cases credited x benefit_per_case_other.
--   delivery_cost  the site's annual budget (site register) x the days it was live in the period / the days
--                  of the period x the period's months / 12; with no budget in the register, the cases
--                  closed x delivery_cost_per_case. For all sites, the sum of the sites'.
-- The cost-benefit columns also read follow_up, site and stg_site_placement_mix (lac_statistic): their views
-- exist whenever the contracts do (empty when nothing is loaded: no budget, no follow-up, the targets.yml mix),
-- so they are not required, and rows rejected in their files do not flag the closure tiles.
-- requires: [case_closure, referral]
WITH closed AS (
    SELECT c.*, p.period, p.period_start, p.period_end,
           coalesce(c.edge_of_care, false) AS edge,
           CASE WHEN coalesce(c.edge_of_care, false)
                THEN coalesce(c.living_at_home, false)
                     AND (c.end_date + INTERVAL 6 MONTH > getvariable('month_end') OR coalesce(NOT f.entered_care, false))
                ELSE coalesce(c.living_at_home AND c.no_new_offence, false) END AS credited
    FROM report_periods() p
    JOIN stg_closure c ON c.end_date BETWEEN p.period_start AND p.period_end
    -- the latest follow-up due by the month end: 12 months after discharge, else 6
    LEFT JOIN follow_up f
           ON f.site_id = c.site_id AND f.case_key = c.case_key
          AND f.months = CASE WHEN c.end_date + INTERVAL 12 MONTH <= getvariable('month_end') THEN 12
                              WHEN c.end_date + INTERVAL 6 MONTH <= getvariable('month_end') THEN 6 END
          AND (f.follow_up_date IS NULL OR f.follow_up_date <= getvariable('month_end'))
    WHERE measured(c.site_id)
),
per_site AS (
    SELECT site_id, period, any_value(period_start) AS period_start, any_value(period_end) AS period_end,
           count(*) AS closures,
           count(days_in_treatment) AS timed_closures,
           sum(days_in_treatment) AS days_in_treatment,
           count(*) FILTER (WHERE living_at_home) AS at_home,
           count(living_at_home) AS at_home_recorded,
           count(*) FILTER (WHERE in_education_or_work) AS in_school,
           count(in_education_or_work) AS in_school_recorded,
           count(*) FILTER (WHERE no_new_offence) AS no_offence,
           count(no_new_offence) AS no_offence_recorded,
           count(*) FILTER (WHERE edge) AS edge_of_care,
           count(*) FILTER (WHERE edge AND credited) AS edge_credited,
           count(*) FILTER (WHERE NOT edge AND credited) AS other_credited
    FROM closed
    GROUP BY site_id, period
),
valued AS (
    SELECT x.*,
           s.annual_budget,
           greatest(0, date_diff('day', greatest(x.period_start, coalesce(s.go_live, x.period_start)),
                                        least(x.period_end, coalesce(s.closed_on, x.period_end))) + 1) AS live_days,
           date_diff('day', x.period_start, x.period_end) + 1 AS period_days,
           date_diff('month', x.period_start, x.period_end) + 1 AS period_months,
           coalesce(m.residential_share, t.residential_share) AS residential_share,
           coalesce(m.residential_share, t.residential_share) * t.weekly_residential
               + (1 - coalesce(m.residential_share, t.residential_share)) * t.weekly_fostering AS week_in_care_cost,
           m.period_end AS mix_period_end, m.la_codes AS mix_la_codes,
           t.weeks_low, t.weeks_central, t.weeks_high, t.benefit_other, t.cost_per_case
    FROM per_site x
    LEFT JOIN site s ON s.site_id = x.site_id
    LEFT JOIN stg_site_placement_mix m ON m.site_id = x.site_id
    LEFT JOIN site_target t ON t.site_id = x.site_id
)
SELECT CASE WHEN grouping(site_id) = 1 THEN 'ALL_SITES' ELSE site_id END AS site_id,
       period,
       CAST(sum(closures) AS BIGINT) AS closures,
       CAST(sum(timed_closures) AS BIGINT) AS timed_closures,
       sum(days_in_treatment) AS days_in_treatment,
       CAST(sum(at_home) AS BIGINT) AS at_home,
       CAST(sum(at_home_recorded) AS BIGINT) AS at_home_recorded,
       CAST(sum(in_school) AS BIGINT) AS in_school,
       CAST(sum(in_school_recorded) AS BIGINT) AS in_school_recorded,
       CAST(sum(no_offence) AS BIGINT) AS no_offence,
       CAST(sum(no_offence_recorded) AS BIGINT) AS no_offence_recorded,
       CAST(sum(edge_of_care) AS BIGINT) AS edge_of_care,
       CAST(sum(edge_credited) AS BIGINT) AS edge_credited,
       CAST(sum(edge_of_care - edge_credited) AS BIGINT) AS edge_not_credited,
       CAST(sum(other_credited) AS BIGINT) AS other_credited,
       CAST(sum(closures - edge_of_care - other_credited) AS BIGINT) AS other_not_credited,
       sum(edge_credited * weeks_low * week_in_care_cost + other_credited * benefit_other) AS benefits_low,
       sum(edge_credited * weeks_central * week_in_care_cost + other_credited * benefit_other) AS benefits,
       sum(edge_credited * weeks_high * week_in_care_cost + other_credited * benefit_other) AS benefits_high,
       sum(CASE WHEN annual_budget IS NULL THEN closures * cost_per_case
                ELSE annual_budget * live_days / period_days * period_months / 12 END) AS delivery_cost,
       -- the site's own figures behind them (for all sites: the budgets summed, the sites without one)
       sum(annual_budget) AS annual_budget,
       CAST(count(*) FILTER (WHERE annual_budget IS NULL) AS BIGINT) AS sites_without_budget,
       CASE WHEN grouping(site_id) = 0 THEN any_value(live_days) END AS live_days,
       CASE WHEN grouping(site_id) = 0 THEN any_value(period_days) END AS period_days,
       CASE WHEN grouping(site_id) = 0 THEN any_value(residential_share) END AS residential_share,
       CASE WHEN grouping(site_id) = 0 THEN any_value(week_in_care_cost) END AS week_in_care_cost,
       CASE WHEN grouping(site_id) = 0 THEN any_value(mix_period_end) END AS mix_period_end,
       CASE WHEN grouping(site_id) = 0 THEN any_value(mix_la_codes) END AS mix_la_codes
FROM valued
GROUP BY GROUPING SETS ((period, site_id), (period));
