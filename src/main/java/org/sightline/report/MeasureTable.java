package org.sightline.report;

import java.util.List;
import java.util.Map;

/**
 * The answers of the measure queries ({@code reports/sql/measures/}) for one month and a set of sites:
 * each query's rows by site and period (site {@link #ALL} for the measured sites together), and why a
 * query has no answer for a site (its dataset is not collected, has nothing for the site, or does not
 * reach the month). A pack reads its site's rows, the comparison every site's: the same rows.
 */
public record MeasureTable(List<String> sites, Map<String, Map<String, Map<String, Object>>> rows,
                           Map<String, Map<String, String>> reasons) {

    /** The site id of the all-site rows. */
    public static final String ALL = "ALL_SITES";

    /** A query's row for a site and period; empty when the query returned none (nothing counted). */
    public Map<String, Object> row(String query, String siteId, String period) {
        Map<String, Map<String, Object>> q = rows.get(query);
        Map<String, Object> r = q == null ? null : q.get(siteId + "|" + period);
        return r == null ? Map.of() : r;
    }

    /** Why the query has no answer for the site, or null when it has one. */
    public String unavailable(String query, String siteId) {
        Map<String, String> r = reasons.get(query);
        return r == null ? null : r.get(siteId);
    }
}
