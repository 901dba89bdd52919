-- title: Cost-benefit estimate, cases closed in the last 12 months
-- definition: Fiscal return on investment (FROI) = estimated benefits / delivery cost, for the cases
--   closed in the twelve months to the end of the pack's month. Benefits = edge-of-care cases x the
--   average benefit per edge-of-care case + other cases x the average benefit per other case; delivery
--   cost = cases x the delivery cost per case; the whole-service FROI adds the overhead share to the
--   cost. Edge of care is taken from the case's referral. All assumptions are in jobs/targets.yml and
--   printed with the estimate.
-- requires: [case_closure, referral]
-- layout: kv
-- columns:
--   cases:            {label: Cases closed, kind: count}
--   edge_of_care:     {label: Edge of care, kind: count}
--   other:            {label: Other cases, kind: count}
--   edge_share:       {label: Edge-of-care share, kind: percent, of: edge_of_care, base: cases}
--   delivery_cost:    {label: Delivery cost, kind: money, base: cases}
--   benefits:         {label: Estimated benefits, kind: money, base: cases}
--   froi:             {label: FROI, kind: mean, base: cases, format: "0.0"}
--   froi_whole:       {label: Whole-service FROI, kind: mean, base: cases, format: "0.0"}
WITH y AS (SELECT * FROM measure_closures WHERE site_id = getvariable('site') AND period = '12 months')
    -- the counts are the measure query's (reports/sql/measures/closures.sql, left in measure_closures)
SELECT coalesce(y.closures, 0) AS cases,
       coalesce(y.edge_of_care, 0) AS edge_of_care,
       coalesce(y.closures - y.edge_of_care, 0) AS other,
       coalesce(y.delivery_cost, 0) AS delivery_cost,
       coalesce(y.benefits, 0) AS benefits,
       y.benefits / nullif(y.delivery_cost, 0) AS froi,
       y.benefits / nullif(y.delivery_cost * (1 + getvariable('overhead_share')), 0) AS froi_whole
FROM (SELECT 1) AS one
LEFT JOIN y ON true;
