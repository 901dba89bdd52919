-- title: Where cases went, last 12 months
-- definition: Cases closed in the last 12 months by their exit route in children's social care terms
--   (care prevented, reunified, closed to social care, stepped down, entered care...).
-- requires: [case_closure, referral]
-- columns:
--   route:    {label: Exit route}
--   closures: {label: Closures, kind: count}
--   share:    {label: Share, kind: percent, of: closures, base: total}
--   total:    {label: All closures, kind: count, hidden: true}
SELECT CASE coalesce(exit_route, 'NOT_RECORDED')
         WHEN 'PREVENTED_CARE' THEN 'Care prevented'
         WHEN 'REUNIFIED' THEN 'Reunified'
         WHEN 'CLOSED_TO_SOCIAL_CARE' THEN 'Closed to social care'
         WHEN 'STEPPED_DOWN' THEN 'Stepped down'
         WHEN 'REMAINED_OPEN' THEN 'Remained open to social care'
         WHEN 'ENTERED_CARE' THEN 'Entered care'
         WHEN 'CUSTODY' THEN 'Custody'
         WHEN 'OTHER' THEN 'Other'
         ELSE 'Not recorded' END AS route,
       count(*) AS closures,
       sum(count(*)) OVER () AS total
FROM site_closures_12_months()
GROUP BY 1
ORDER BY closures DESC, route;
