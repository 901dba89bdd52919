package org.sightline.ingest.hooks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.sightline.ingest.DatasetHook;
import org.sightline.ingest.HookContext;
import org.sightline.ingest.HookRow;
import org.sightline.ingest.Names;
import org.sightline.ingest.ValueParser;

/**
 * {@code lac_statistic}: a DfE table in the open-data CSV layout of official statistics, landed long.
 * The geography and time columns are the contract's; every other column is read from the header and
 * is either a <em>filter</em> (its values describe the row: {@code cla_group}, {@code characteristic})
 * or an <em>indicator</em> (its values are figures: {@code number}, {@code rate_per_10000}). Each
 * indicator cell becomes one lake row: {@code measure} is the indicator's name, {@code breakdown} the
 * row's filter values. A column is an indicator when every non-blank cell is a number or a
 * suppression symbol (a first pass reads the whole file), unless its name says which it is (see
 * {@link #isIndicatorName} and {@link #isFilterName}); so a new DfE table with columns never seen before loads without a code change.
 */
public final class DfeTableHook implements DatasetHook {

    /** DfE's suppression and special symbols, compared case-insensitively with any brackets removed. */
    static final Set<String> SYMBOLS = Set.of("c", "x", "z", "u", "low", ":", "..", "~", "*");

    /** Geography columns of the EES layout beyond the contract's (names and codes of other geographies): never a filter. */
    static final Set<String> OTHER_GEOGRAPHY = Set.of("ladcode", "ladname", "pconcode", "pconname", "wardcode", "wardname",
            "lsipcode", "lsipname", "opportunityareacode", "opportunityareaname", "rscregionleadname", "englishdevolvedareacode",
            "englishdevolvedareaname", "localenterprisepartnershipcode", "localenterprisepartnershipname", "mayoralcombinedauthoritycode",
            "mayoralcombinedauthorityname", "localskillsimprovementplanareacode", "localskillsimprovementplanareaname",
            "schoolurn", "schoollaestab", "schoolname", "trustid", "trustname", "sponsorid", "sponsorname", "providerukprn", "providername",
            "institutionid", "institutionname", "plancode", "planningareacode", "planningareaname", "newerlacode");

    private static final Pattern YEAR = Pattern.compile("(\\d{4})(?:\\.0+)?");
    private static final Pattern TWO_YEARS = Pattern.compile("(\\d{4})(\\d{2})(?:\\.0+)?");
    private static final Pattern INDICATOR_NAME = Pattern.compile(
            "number|percentage|percent|value|population_count|rate_per_.*|(number|num|count|median|mean|average|rate|percent|pct|proportion|share)_.*"
                    + "|.*_(number|count|rate|percentage|percent|pct|median|mean|average|total)");
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");
    private static final Pattern EDGE_UNDERSCORES = Pattern.compile("^_+|_+$");
    private static final Pattern FLOAT_TAIL = Pattern.compile("\\.0+$");

    /** A column read from the header: its position, its header text, its snake_case name. */
    record Column(int src, String header, String name) {}

    private final List<Column> filters = new ArrayList<>();
    private final List<Column> indicators = new ArrayList<>();
    private String source;

    /** Every column the contract does not name is a filter or an indicator: none is ignored. */
    @Override
    public boolean readsUnmatchedColumns() {
        return true;
    }

    @Override
    public String prepare(HookContext ctx) throws Exception {
        filters.clear();
        indicators.clear();
        String[] header = ctx.headerCells();
        Set<Integer> contractCols = new HashSet<>();
        for (int src : ctx.header().columns()) if (src >= 0) contractCols.add(src);
        Map<Integer, Column> others = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
            String h = header[i] == null ? "" : header[i].strip();
            if (h.isEmpty() || contractCols.contains(i) || OTHER_GEOGRAPHY.contains(Names.key(h))) continue;
            others.put(i, new Column(i, h, snake(h)));
        }
        Set<Integer> textual = new HashSet<>();
        ctx.scanRows(row -> {
            for (Column c : others.values()) {
                if (textual.contains(c.src())) continue;
                String v = row.cell(c.src());
                if (ValueParser.isBlank(v) || symbol(v) != null) continue;
                if (number(v) == null) textual.add(c.src());
            }
        });
        for (Column c : others.values()) {
            boolean filter = !isIndicatorName(c.name()) && (isFilterName(c.name()) || textual.contains(c.src()));
            (filter ? filters : indicators).add(c);
        }
        if (indicators.isEmpty()) {
            throw new IllegalArgumentException("no indicator column found: a DfE table needs at least one column of figures"
                    + " (e.g. number, percentage, rate_per_10000) after its geography and filter columns");
        }
        String file = ctx.unit().file().getFileName().toString();
        source = file.replaceFirst("(?i)(\\.synthetic)?\\.(csv|txt|tsv|xlsx|xlsm|xls)$", "");
        return "DfE table: filters " + names(filters) + "; indicators " + names(indicators);
    }

    private static String names(List<Column> cols) {
        if (cols.isEmpty()) return "(none)";
        List<String> out = new ArrayList<>();
        for (Column c : cols) out.add(c.name());
        return String.join(", ", out);
    }

    /** DfE's usual indicator names: figures whatever a cell holds (a stray word is then a row error, not a new filter). */
    static boolean isIndicatorName(String name) {
        return INDICATOR_NAME.matcher(name).matches();
    }

    /** Names that say "filter" whatever the values look like (an age group of "10" is still a filter). */
    static boolean isFilterName(String name) {
        return name.equals("characteristic") || name.startsWith("characteristic_") || name.equals("breakdown")
                || name.endsWith("_group") || name.endsWith("_type") || name.endsWith("_category") || name.endsWith("_breakdown")
                || name.endsWith("_characteristic") || name.startsWith("breakdown_") || name.equals("age") || name.equals("sex")
                || name.equals("gender") || name.equals("ethnicity");
    }

    @Override
    public List<Object[]> rows(HookRow row) {
        String level = level((String) row.get("geographic_level"));
        String period = ((String) row.get("time_period")).strip();
        String identifier = (String) row.get("time_identifier");
        LocalDate end = periodEnd(period, identifier);
        if (end == null) {
            row.reject("time_period", "time_period", "'" + period + "' is not a year (2024) or a two-year period (202324)");
            return List.of();
        }
        period = FLOAT_TAIL.matcher(period).replaceFirst("");
        String laCode = (String) row.get("old_la_code");
        String gss = (String) row.get("new_la_code");
        String regionCode = (String) row.get("region_code");
        String areaCode, areaName;
        switch (level) {
            case "NATIONAL" -> {
                areaCode = (String) row.get("country_code");
                areaName = (String) row.get("country_name");
                if (areaCode == null) areaCode = "E92000001";
            }
            case "REGIONAL" -> {
                areaCode = regionCode;
                areaName = (String) row.get("region_name");
                if (areaCode == null) {
                    row.reject("region_code", "required", "a regional row needs its region_code");
                    return List.of();
                }
            }
            case "LOCAL_AUTHORITY" -> {
                areaCode = laCode != null ? laCode : gss;
                areaName = (String) row.get("la_name");
                if (areaCode == null) {
                    row.reject("old_la_code", "required", "a local-authority row needs its old_la_code (three-digit DfE code) or new_la_code");
                    return List.of();
                }
            }
            default -> {
                areaCode = firstNonNull(laCode, gss, regionCode, (String) row.get("country_code"));
                areaName = firstNonNull((String) row.get("la_name"), (String) row.get("region_name"), (String) row.get("country_name"));
                if (areaCode == null) {
                    row.reject("geographic_level", "required", "a " + level + " row needs a geography code");
                    return List.of();
                }
            }
        }
        boolean la = level.equals("LOCAL_AUTHORITY");
        StringBuilder breakdown = new StringBuilder(), by = new StringBuilder();
        for (Column f : filters) {
            if (breakdown.length() > 0 || by.length() > 0) {
                breakdown.append(" | ");
                by.append(" | ");
            }
            String v = row.source().cell(f.src());
            breakdown.append(v == null ? "" : v.strip());
            by.append(f.name());
        }
        List<Object[]> out = new ArrayList<>(indicators.size());
        for (Column ind : indicators) {
            String cell = row.source().cell(ind.src());
            if (ValueParser.isBlank(cell)) continue;   // '', 'n/a', '-': nothing published, no row
            String symbol = symbol(cell);
            Double value = null;
            if (symbol == null) {
                value = number(cell);
                if (value == null) {
                    row.rejectCell(ind.src(), ind.header(), "decimal",
                            "'" + cell.strip() + "' is not a number or a DfE suppression symbol (c, x, z, low, u, :, [c] ...)");
                    continue;
                }
            }
            Object[] r = row.newRow();
            r[row.out("geographic_level")] = level;
            r[row.out("area_code")] = areaCode;
            r[row.out("area_name")] = areaName;
            r[row.out("la_code")] = la ? laCode : null;
            r[row.out("gss_code")] = la ? gss : null;
            r[row.out("region_code")] = level.equals("NATIONAL") ? null : regionCode;
            r[row.out("time_period")] = period;
            r[row.out("time_identifier")] = identifier;
            r[row.out("period_end")] = end;
            r[row.out("measure")] = ind.name();
            r[row.out("breakdown")] = breakdown.toString();
            r[row.out("breakdown_by")] = by.toString();
            r[row.out("value")] = value;
            r[row.out("unit")] = unit(ind.name());
            r[row.out("suppression")] = symbol;
            r[row.out("source")] = source;
            out.add(r);
        }
        return out;
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) if (v != null) return v;
        return null;
    }

    /** "National" -> NATIONAL, "Local authority" -> LOCAL_AUTHORITY, "Regional" -> REGIONAL; others upper snake case. */
    static String level(String text) {
        String s = snake(text).toUpperCase(Locale.ROOT);
        return switch (s) {
            case "LA", "LOCAL_AUTHORITIES" -> "LOCAL_AUTHORITY";
            case "REGION" -> "REGIONAL";
            case "COUNTRY", "NATIONAL_LEVEL" -> "NATIONAL";
            default -> s;
        };
    }

    /** 2024 -> 2024-03-31; 202324 -> 2024-03-31; a calendar year ends on 31 December; null when not a period. */
    static LocalDate periodEnd(String period, String identifier) {
        String p = period.strip();
        var y = YEAR.matcher(p);
        if (y.matches()) {
            int year = Integer.parseInt(y.group(1));
            boolean calendar = identifier != null && Names.key(identifier).equals("calendaryear");
            return calendar ? LocalDate.of(year, 12, 31) : LocalDate.of(year, 3, 31);
        }
        var two = TWO_YEARS.matcher(p);
        if (two.matches()) {
            int first = Integer.parseInt(two.group(1));
            int second = Integer.parseInt(two.group(2));
            if ((first + 1) % 100 != second) return null;
            return LocalDate.of(first + 1, 3, 31);
        }
        return null;
    }

    /** The symbol of a suppressed or special cell as published, or null when the cell is not one. */
    static String symbol(String cell) {
        String s = cell.strip();
        String bare = s.startsWith("[") && s.endsWith("]") && s.length() > 2 ? s.substring(1, s.length() - 1).strip() : s;
        return SYMBOLS.contains(bare.toLowerCase(Locale.ROOT)) ? s : null;
    }

    /** A figure: thousands separators removed, a trailing % dropped (the value stays a percentage); null if not a number. */
    static Double number(String cell) {
        String s = cell.strip();
        if (s.endsWith("%")) s = s.substring(0, s.length() - 1).strip();
        try {
            return ValueParser.parseDecimal(s);
        } catch (ValueParser.Failure e) {
            return null;
        }
    }

    /** What a measure counts, from its name. */
    static String unit(String measure) {
        if (measure.startsWith("rate_per_10000") || measure.contains("per_10000") || measure.contains("per_10_000")) return "rate_per_10000";
        if (measure.contains("percent") || measure.equals("pc") || measure.endsWith("_pc") || measure.endsWith("_pct")
                || measure.startsWith("pct_") || measure.contains("proportion")) return "percent";
        if (measure.equals("number") || measure.startsWith("number_") || measure.endsWith("_number") || measure.contains("count")
                || measure.startsWith("num_") || measure.endsWith("_total") || measure.equals("total")) return "number";
        return "value";
    }

    /** "Rate per 10,000" -> rate_per_10000; "rate_per_10000" stays. */
    static String snake(String header) {
        String s = header.strip().toLowerCase(Locale.ROOT).replace(",", "").replace("&", " and ");
        s = NON_ALNUM.matcher(s).replaceAll("_");
        return EDGE_UNDERSCORES.matcher(s).replaceAll("");
    }
}
