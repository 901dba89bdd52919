-- title: Cost-benefit estimate, cases closed in the last 12 months
-- definition: Fiscal return on investment (FROI) = estimated benefits / delivery cost, for the cases closed in
--   the twelve months to the end of the pack's month (the measure query reports/sql/measures/closures.sql,
--   as the cover and the site comparison print it). Benefits are credited only for outcomes observed: an
--   edge-of-care case (from the case's referral) living at home at discharge (care prevented or reunified)
--   and, once a follow-up is due (6 or 12 months after discharge), only if the latest one due is recorded and
--   says the young person has not entered care, is credited the weeks in care avoided (low, central, high)
--   at the cost of a week in care at its LAs' placement mix (residential v. foster care); another case is
--   credited the evaluation's benefit per such case only when it was living at home with no new offence at
--   discharge. Delivery cost = the site's annual budget (site register) for the days it was live in the
--   twelve months, so a team that closes few cases shows its true cost per case; without a budget, cases x
--   the delivery cost per case of jobs/targets.yml. The whole-service FROI adds the overhead share to the cost.
-- requires: [case_closure, referral]
-- layout: kv
-- columns:
--   cases:              {label: Cases closed, kind: count}
--   edge_of_care:       {label: Edge of care, kind: count}
--   edge_share:         {label: Edge-of-care share, kind: percent, of: edge_of_care, base: cases}
--   edge_credited:      {label: "Edge of care, outcome observed: credited", kind: count}
--   edge_not_credited:  {label: "Edge of care, not credited", kind: count}
--   other:              {label: Other cases, kind: count}
--   other_credited:     {label: "Other cases, at home with no new offence: credited", kind: count}
--   other_not_credited: {label: "Other cases, not credited", kind: count}
--   cost_source:        {label: Delivery cost from}
--   cost_basis:         {hidden: true}
--   delivery_cost:      {label: Delivery cost, kind: money, base: cases}
--   cost_per_case:      {label: Delivery cost per case closed, kind: money, base: cases}
--   week_in_care:       {label: A week in care avoided, kind: decimal, format: "£#,##0"}
--   week_basis:         {hidden: true}
--   low_label:          {hidden: true}
--   central_label:      {hidden: true}
--   high_label:         {hidden: true}
--   benefits_low:       {label: "=low_label", kind: money, base: cases, gives: [edge_credited, other_credited]}
--   benefits:           {label: "=central_label", kind: money, base: cases, gives: [edge_credited, other_credited]}
--   benefits_high:      {label: "=high_label", kind: money, base: cases, gives: [edge_credited, other_credited]}
--   froi_low:           {label: "FROI, low", kind: mean, base: cases, gives: [edge_credited, other_credited], format: "0.0"}
--   froi:               {label: "FROI, central", kind: mean, base: cases, gives: [edge_credited, other_credited], format: "0.0"}
--   froi_high:          {label: "FROI, high", kind: mean, base: cases, gives: [edge_credited, other_credited], format: "0.0"}
--   froi_whole:         {label: "Whole-service FROI, central", kind: mean, base: cases, gives: [edge_credited, other_credited], format: "0.0"}
WITH y AS (SELECT * FROM measure_closures WHERE site_id = getvariable('site') AND period = '12 months'),
     t AS (SELECT * FROM site_target WHERE site_id = getvariable('site'))
    -- the figures are the measure query's (reports/sql/measures/closures.sql, left in measure_closures)
SELECT coalesce(y.closures, 0) AS cases,
       coalesce(y.edge_of_care, 0) AS edge_of_care,
       coalesce(y.edge_credited, 0) AS edge_credited,
       coalesce(y.edge_not_credited, 0) AS edge_not_credited,
       coalesce(y.closures - y.edge_of_care, 0) AS other,
       coalesce(y.other_credited, 0) AS other_credited,
       coalesce(y.other_not_credited, 0) AS other_not_credited,
       CASE WHEN y.closures IS NULL THEN NULL WHEN y.annual_budget IS NULL THEN 'no budget: targets.yml'
            ELSE 'site register budget' END AS cost_source,
       CASE WHEN y.closures IS NULL THEN NULL
            WHEN y.annual_budget IS NULL
            THEN format('No budget in the site register: £{:,} a case (jobs/targets.yml delivery_cost_per_case)', round(t.cost_per_case)::BIGINT)
            ELSE format('The site register''s budget, £{:,} a year, for the {} of {} days the site was live',
                        round(y.annual_budget)::BIGINT, y.live_days, y.period_days) END AS cost_basis,
       coalesce(y.delivery_cost, 0) AS delivery_cost,
       y.delivery_cost / nullif(y.closures, 0) AS cost_per_case,
       y.week_in_care_cost AS week_in_care,
       CASE WHEN y.closures IS NULL THEN NULL
            ELSE format('£{:,} a week: {}% residential (£{:,}), the rest foster care (£{:,}); {}',
                        round(y.week_in_care_cost)::BIGINT, round(100 * y.residential_share)::BIGINT,
                        round(t.weekly_residential)::BIGINT, round(t.weekly_fostering)::BIGINT,
                        CASE WHEN y.mix_period_end IS NULL
                             THEN 'no DfE placement figures for the site''s LAs in the lake, so the share is jobs/targets.yml residential_share'
                             ELSE format('the LAs'' placement mix (DfE, children looked after on {}, LA {})',
                                         strftime(y.mix_period_end, '%-d %b %Y'), y.mix_la_codes) END) END AS week_basis,
       format('Estimated benefits, low: {} weeks in care avoided', regexp_replace(t.weeks_low::VARCHAR, '\.0$', '')) AS low_label,
       format('Estimated benefits, central: {} weeks in care avoided', regexp_replace(t.weeks_central::VARCHAR, '\.0$', '')) AS central_label,
       format('Estimated benefits, high: {} weeks in care avoided', regexp_replace(t.weeks_high::VARCHAR, '\.0$', '')) AS high_label,
       coalesce(y.benefits_low, 0) AS benefits_low,
       coalesce(y.benefits, 0) AS benefits,
       coalesce(y.benefits_high, 0) AS benefits_high,
       y.benefits_low / nullif(y.delivery_cost, 0) AS froi_low,
       y.benefits / nullif(y.delivery_cost, 0) AS froi,
       y.benefits_high / nullif(y.delivery_cost, 0) AS froi_high,
       y.benefits / nullif(y.delivery_cost * (1 + getvariable('overhead_share')), 0) AS froi_whole
FROM (SELECT 1) AS one
LEFT JOIN y ON true
LEFT JOIN t ON true;
