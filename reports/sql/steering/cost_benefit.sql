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
WITH c AS (
    SELECT coalesce(edge_of_care, false) AS edge
    FROM stg_case
    WHERE site_id = getvariable('site')
      AND end_date BETWEEN getvariable('window_start') AND getvariable('month_end')
),
n AS (
    SELECT count(*) AS cases, count(*) FILTER (WHERE edge) AS edge_of_care, count(*) FILTER (WHERE NOT edge) AS other
    FROM c
)
SELECT cases, edge_of_care, other,
       cases * getvariable('cost_per_case') AS delivery_cost,
       edge_of_care * getvariable('benefit_edge') + other * getvariable('benefit_other') AS benefits,
       (edge_of_care * getvariable('benefit_edge') + other * getvariable('benefit_other'))
           / nullif(cases * getvariable('cost_per_case'), 0) AS froi,
       (edge_of_care * getvariable('benefit_edge') + other * getvariable('benefit_other'))
           / nullif(cases * getvariable('cost_per_case') * (1 + getvariable('overhead_share')), 0) AS froi_whole
FROM n;
