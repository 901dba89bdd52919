-- title: Length of treatment, closures in the last 12 months
-- definition: Days from the case start date to the discharge date, for cases closed in the twelve
--   months to the end of the pack's month. The target range is set in jobs/targets.yml.
-- requires: [case_closure, referral]
-- layout: kv
-- columns:
--   closures:     {label: Closures, kind: count}
--   mean_days:    {label: Mean days, kind: mean, base: closures, format: "0"}
--   median_days:  {label: Median days, kind: mean, base: closures, format: "0"}
--   within_range: {label: Within target range, kind: percent, of: within_n, base: closures}
--   shorter:      {label: Shorter, kind: percent, of: shorter_n, base: closures}
--   longer:       {label: Longer, kind: percent, of: longer_n, base: closures}
--   within_n:     {label: Closures within target range, kind: count, hidden: true}
--   shorter_n:    {label: Closures shorter than target, kind: count, hidden: true}
--   longer_n:     {label: Closures longer than target, kind: count, hidden: true}
--   untimed_n:    {label: Closures without a start date, kind: count, hidden: true}
WITH c AS (
    SELECT days_in_treatment AS days FROM site_closures_12_months()
)
SELECT count(*) AS closures,
       avg(days) AS mean_days,
       median(days) AS median_days,
       count(*) FILTER (WHERE days BETWEEN getvariable('los_min') AND getvariable('los_max')) AS within_n,
       count(*) FILTER (WHERE days < getvariable('los_min')) AS shorter_n,
       count(*) FILTER (WHERE days > getvariable('los_max')) AS longer_n,
       count(*) FILTER (WHERE days IS NULL) AS untimed_n
FROM c;
