-- title: The service
-- definition: The site as registered in the site dataset: its name, programme, teams, therapist FTE,
--   go-live and closure dates, and the local authorities it serves.
-- requires: [site, la_reference]
-- columns:
--   site_name:      {label: Service}
--   programme:      {label: Programme}
--   teams:          {label: Teams, kind: decimal, format: "0"}
--   therapists_fte: {label: Therapist FTE, kind: decimal, format: "0.0"}
--   go_live:        {label: Go-live, kind: date}
--   closed_on:      {label: Closed on, kind: date}
--   las:            {label: Local authorities served}
SELECT s.site_name,
       CASE s.programme WHEN 'MST' THEN 'MST' WHEN 'MST_PSB' THEN 'MST-PSB (problem sexual behaviour)'
                        WHEN 'MST_CAN' THEN 'MST-CAN (child abuse and neglect)' WHEN 'MST_FIT' THEN 'MST-FIT (family integrated transitions)'
                        WHEN 'FFT' THEN 'Functional family therapy' ELSE coalesce(s.programme, 'MST') END AS programme,
       s.teams, s.therapists_fte, s.go_live, s.closed_on,
       (SELECT string_agg(coalesce(l.la_name, l.la_code), ', ' ORDER BY coalesce(l.la_name, l.la_code))
          FROM stg_site_la l WHERE l.site_id = s.site_id) AS las
FROM site s
WHERE s.site_id = getvariable('site');
