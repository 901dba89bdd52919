package org.sightline.ingest.hooks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.sightline.ingest.DatasetHook;
import org.sightline.ingest.HookContext;
import org.sightline.ingest.HookRow;
import org.sightline.contract.Names;
import org.sightline.contract.ValueParser;

/**
 * {@code lac_statistic}: a DfE table landed long, one lake row per published figure.
 *
 * <p><b>Tidy tables</b> (explore-education-statistics, 2017 on): the geography and time columns are
 * the contract's; every other column is read from the header and is either a <em>filter</em> (its
 * values describe the row: {@code cla_group}, {@code characteristic}, {@code population_count} when it
 * holds labels) or an <em>indicator</em> (its values are figures: {@code number}, {@code rate_per_10000}).
 * Each indicator cell becomes one lake row: {@code measure} is the indicator's name, {@code breakdown}
 * the row's filter values. A column is an indicator when every non-blank cell is a number or a marker,
 * unless its name says which it is (see {@link #isIndicatorName} and {@link #isFilterName}); a column
 * named like an indicator that holds only words is a label column (DfE's {@code population_count}).
 *
 * <p><b>Wide first-release tables</b> (before 2017: one row per LA, a column per measure, geography in
 * {@code geog_l}, {@code geog_c}, {@code geog_n}, {@code New_geog_code}, the year in the column names
 * such as {@code CLA_Mar2016}): there is no {@code time_period} column; each measure column is
 * unpivoted into the same long form, its name without the year as the measure ({@code cla_mar}).
 *
 * <p>Headline measures get one canonical name whatever the release calls them ({@code jobs/codes/dfe.yml}:
 * {@code cla_on_31_march}, {@code cla_on_31_march_rate_per_10000}, {@code cla_started} ...), so the
 * report SQL asks for those only. A DfE symbol ({@code c}, {@code k}, {@code x} ...) or a spreadsheet
 * error ({@code #VALUE!}) in a cell is an empty value with the marker in {@code suppression}, on that
 * cell only. A table that says it is about another collection (children in need) is refused by name.
 */
public final class DfeTableHook implements DatasetHook {

    /** Geography columns of the EES layout beyond the contract's (names and codes of other geographies): never a filter. */
    static final Set<String> OTHER_GEOGRAPHY = Set.of("ladcode", "ladname", "pconcode", "pconname", "wardcode", "wardname",
            "lsipcode", "lsipname", "opportunityareacode", "opportunityareaname", "rscregionleadname", "englishdevolvedareacode",
            "englishdevolvedareaname", "localenterprisepartnershipcode", "localenterprisepartnershipname", "mayoralcombinedauthoritycode",
            "mayoralcombinedauthorityname", "localskillsimprovementplanareacode", "localskillsimprovementplanareaname",
            "schoolurn", "schoollaestab", "schoolname", "trustid", "trustname", "sponsorid", "sponsorname", "providerukprn", "providername",
            "institutionid", "institutionname", "plancode", "planningareacode", "planningareaname", "newerlacode");

    /** The geography columns of a wide first-release table (Names.key of the header). */
    static final String WIDE_LEVEL = "geogl", WIDE_CODE = "geogc", WIDE_NAME = "geogn", WIDE_GSS = "newgeogcode";
    static final Set<String> WIDE_GEOGRAPHY = Set.of(WIDE_LEVEL, WIDE_CODE, WIDE_NAME, WIDE_GSS, "oldgeogcode");

    private static final Pattern YEAR = Pattern.compile("(\\d{4})(?:\\.0+)?");
    private static final Pattern TWO_YEARS = Pattern.compile("(\\d{4})(\\d{2})(?:\\.0+)?");
    private static final Pattern YEAR_IN_NAME = Pattern.compile("(?<!\\d)((?:19|20)\\d\\d)(?!\\d)");
    private static final Pattern LA_CODE = Pattern.compile("\\d{3}");
    private static final Pattern INDICATOR_NAME = Pattern.compile(
            "number|percentage|percent|value|population_count|rate_per_.*|(number|num|count|median|mean|average|rate|percent|pct|proportion|share)_.*"
                    + "|.*_(number|count|rate|percentage|percent|pct|median|mean|average|total)");
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");
    private static final Pattern EDGE_UNDERSCORES = Pattern.compile("^_+|_+$");
    private static final Pattern FLOAT_TAIL = Pattern.compile("\\.0+$");
    /** Distinct label values kept per filter column for the "which collection is this" check. */
    private static final int LABELS_KEPT = 200;

    /** A column read from the header: its position, its header text, its snake_case name (a wide column's without its year). */
    record Column(int src, String header, String name) {}

    private final List<Column> filters = new ArrayList<>();
    private final List<Column> indicators = new ArrayList<>();
    private DfeCodes codes;
    private String source;
    /** A wide first-release table: its year; null for a tidy table. */
    private Integer wideYear;
    private int wideLevel = -1, wideCode = -1, wideName = -1, wideGss = -1;

    /** Every column the contract does not name is a filter or an indicator: none is ignored. */
    @Override
    public boolean readsUnmatchedColumns() {
        return true;
    }

    @Override
    public String prepare(HookContext ctx) throws Exception {
        filters.clear();
        indicators.clear();
        codes = DfeCodes.read(ctx.jobsDir());
        String file = ctx.unit().file().getFileName().toString();
        source = file.replaceFirst("(?i)(\\.synthetic)?\\.(csv|txt|tsv|xlsx|xlsm|xls|ods)$", "");
        String[] header = ctx.headerCells();
        Set<Integer> contractCols = new HashSet<>();
        for (int src : ctx.header().columns()) if (src >= 0) contractCols.add(src);
        boolean wide = column(ctx, "time_period") < 0;
        wideLevel = wideCode = wideName = wideGss = -1;
        for (int i = 0; i < header.length; i++) {
            String k = Names.key(header[i]);
            if (k.equals(WIDE_LEVEL)) wideLevel = i;
            else if (k.equals(WIDE_CODE)) wideCode = i;
            else if (k.equals(WIDE_NAME)) wideName = i;
            else if (k.equals(WIDE_GSS)) wideGss = i;
        }
        if (wideLevel < 0) wideLevel = column(ctx, "geographic_level");
        Set<Integer> years = new TreeSet<>();
        Map<Integer, Column> others = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
            String h = header[i] == null ? "" : header[i].strip();
            String k = Names.key(h);
            if (h.isEmpty() || contractCols.contains(i) || OTHER_GEOGRAPHY.contains(k) || (wide && WIDE_GEOGRAPHY.contains(k))) continue;
            String name = snake(h);
            if (wide) {
                var y = YEAR_IN_NAME.matcher(h);
                if (y.find()) {
                    years.add(Integer.parseInt(y.group(1)));
                    String without = snake(h.substring(0, y.start()) + " " + h.substring(y.end()));
                    if (!without.isEmpty()) name = without;
                }
            }
            others.put(i, new Column(i, h, name));
        }
        List<String> notes = new ArrayList<>();
        wideYear = null;
        if (wide) {
            if (years.size() > 1) {
                throw new IllegalArgumentException("a wide DfE table (a column per measure) with columns for more than one year " + years
                        + ": not loaded by Sightline; load one year's table at a time");
            }
            if (years.isEmpty()) {
                Set<Integer> inName = new TreeSet<>();
                var y = YEAR_IN_NAME.matcher(source);
                while (y.find()) inName.add(Integer.parseInt(y.group(1)));
                if (inName.size() == 1) years = inName;
            }
            if (years.isEmpty()) {
                throw new IllegalArgumentException("no time_period column, and no single year in the column names (CLA_Mar2016) or the file name:"
                        + " the period of the figures cannot be told");
            }
            if (wideCode < 0 && column(ctx, "old_la_code") < 0 && column(ctx, "new_la_code") < 0 && wideGss < 0) {
                throw new IllegalArgumentException("a wide DfE table without a geography code column (geog_c, New_geog_code, old_la_code or new_la_code)");
            }
            wideYear = years.iterator().next();
            notes.add("first-release wide table for " + wideYear + ": one column per measure, unpivoted (the year taken out of the column names)");
        }
        Set<Integer> textual = new HashSet<>(), numeric = new HashSet<>();
        Map<Integer, Set<String>> labels = new HashMap<>();
        Map<String, Integer> errorCells = new TreeMap<>();
        ctx.scanRows(row -> {
            for (Column c : others.values()) {
                String v = row.cell(c.src());
                if (v == null) continue;
                String marker = codes.marker(v);
                if (marker != null) {
                    if (codes.isError(marker)) errorCells.merge(c.header() + " " + marker, 1, Integer::sum);
                    continue;
                }
                if (ValueParser.isBlank(v)) continue;
                if (number(v) != null) {
                    numeric.add(c.src());
                } else {
                    textual.add(c.src());
                    Set<String> l = labels.computeIfAbsent(c.src(), k -> new HashSet<>());
                    if (l.size() < LABELS_KEPT) l.add(v.strip());
                }
            }
        });
        for (Column c : others.values()) {
            boolean indicatorName = isIndicatorName(c.name()) && (numeric.contains(c.src()) || !textual.contains(c.src()));
            boolean filter = !indicatorName && (isFilterName(c.name()) || textual.contains(c.src()));
            (filter ? filters : indicators).add(c);
        }
        // a DfE table about another collection (children in need) is not children looked after
        List<String> texts = new ArrayList<>();
        texts.add(DfeCodes.words(source));
        for (String h : header) if (h != null) texts.add(DfeCodes.words(h));
        for (Column f : filters) for (String l : labels.getOrDefault(f.src(), Set.of())) texts.add(DfeCodes.words(l));
        String other = codes.otherCollection(texts);
        if (other != null) {
            throw new IllegalArgumentException("this DfE table is about " + other + ", not children looked after (its file name, columns or labels say '"
                    + other + "' and nothing says looked after): not loaded as lac_statistic");
        }
        if (indicators.isEmpty()) {
            throw new IllegalArgumentException("no indicator column found: a DfE table needs at least one column of figures"
                    + " (e.g. number, percentage, rate_per_10000) after its geography and filter columns");
        }
        for (Map.Entry<String, Integer> e : errorCells.entrySet()) {
            notes.add(e.getValue() + " cell(s) of " + e.getKey() + ": a spreadsheet error in the published file, kept as a marker (no value)");
        }
        return "DfE table: filters " + names(filters) + "; indicators " + names(indicators) + (notes.isEmpty() ? "" : "; " + String.join("; ", notes));
    }

    private static int column(HookContext ctx, String name) {
        List<org.sightline.contract.ColumnSpec> cols = ctx.contract().columns();
        for (int i = 0; i < cols.size(); i++) if (cols.get(i).name().equals(name)) return ctx.header().columns()[i];
        return -1;
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

    /** Where a row is: level, area code and name, LA code, GSS code, region code. */
    private record Place(String level, String areaCode, String areaName, String laCode, String gss, String regionCode) {}

    private Place tidyPlace(HookRow row) {
        String level = level((String) row.get("geographic_level"));
        String laCode = (String) row.get("old_la_code");
        String gss = (String) row.get("new_la_code");
        String regionCode = (String) row.get("region_code");
        switch (level) {
            case "NATIONAL" -> {
                String code = (String) row.get("country_code");
                return new Place(level, code == null ? "E92000001" : code, (String) row.get("country_name"), null, null, null);
            }
            case "REGIONAL" -> {
                if (regionCode == null) {
                    row.reject("region_code", "required", "a regional row needs its region_code");
                    return null;
                }
                return new Place(level, regionCode, (String) row.get("region_name"), null, null, regionCode);
            }
            case "LOCAL_AUTHORITY" -> {
                if (laCode == null && gss == null) {
                    row.reject("old_la_code", "required", "a local-authority row needs its old_la_code (three-digit DfE code) or new_la_code");
                    return null;
                }
                return new Place(level, laCode != null ? laCode : gss, (String) row.get("la_name"), laCode, gss, regionCode);
            }
            default -> {
                String code = firstNonNull(laCode, gss, regionCode, (String) row.get("country_code"));
                if (code == null) {
                    row.reject("geographic_level", "required", "a " + level + " row needs a geography code");
                    return null;
                }
                return new Place(level, code, firstNonNull((String) row.get("la_name"), (String) row.get("region_name"),
                        (String) row.get("country_name")), null, null, regionCode);
            }
        }
    }

    /** A wide first-release row: geog_l NATIONAL/REGION/LA, geog_c the LA's DfE code, New_geog_code its GSS (or the region's, country's) code. */
    private Place widePlace(HookRow row) {
        String level = level(cell(row, wideLevel));
        String code = cell(row, wideCode);
        String gss = cell(row, wideGss);
        if (gss == null) gss = (String) row.get("new_la_code");
        if (code == null) code = (String) row.get("old_la_code");
        String name = cell(row, wideName);
        if (name == null) name = firstNonNull((String) row.get("la_name"), (String) row.get("region_name"), (String) row.get("country_name"));
        switch (level) {
            case "NATIONAL" -> {
                return new Place(level, gss == null ? "E92000001" : gss, name, null, null, null);
            }
            case "REGIONAL" -> {
                String own = codes.wideAreaCode(name);
                if (own != null) gss = own;
                if (gss == null) {
                    row.reject("geographic_level", "required", "a regional row needs its region's code (New_geog_code, E12...)");
                    return null;
                }
                return new Place(level, gss, name, null, null, gss);
            }
            case "LOCAL_AUTHORITY" -> {
                String la = code != null && LA_CODE.matcher(code).matches() ? code : null;
                if (la == null && gss == null) {
                    row.reject("geographic_level", "required", "a local-authority row needs its three-digit DfE code (geog_c) or GSS code");
                    return null;
                }
                return new Place(level, la != null ? la : gss, name, la, gss, null);
            }
            default -> {
                String c = firstNonNull(gss, code);
                if (c == null) {
                    row.reject("geographic_level", "required", "a " + level + " row needs a geography code");
                    return null;
                }
                return new Place(level, c, name, null, null, null);
            }
        }
    }

    private static String cell(HookRow row, int src) {
        if (src < 0) return null;
        String v = row.source().cell(src);
        return ValueParser.isBlank(v) ? null : v.strip();
    }

    @Override
    public List<Object[]> rows(HookRow row) {
        String period, identifier;
        LocalDate end;
        if (wideYear != null) {
            period = String.valueOf(wideYear);
            identifier = null;
            end = LocalDate.of(wideYear, 3, 31);
        } else {
            String tp = (String) row.get("time_period");
            if (tp == null) {
                row.reject("time_period", "required", "the time period is required (2024, or 202324)");
                return List.of();
            }
            period = tp.strip();
            identifier = (String) row.get("time_identifier");
            end = periodEnd(period, identifier);
            if (end == null) {
                row.reject("time_period", "time_period", "'" + period + "' is not a year (2024) or a two-year period (202324)");
                return List.of();
            }
            period = FLOAT_TAIL.matcher(period).replaceFirst("");
        }
        Place place = wideYear != null ? widePlace(row) : tidyPlace(row);
        if (place == null) return List.of();
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
        String published = breakdown.toString();
        List<Object[]> out = new ArrayList<>(indicators.size());
        for (Column ind : indicators) {
            String cell = row.source().cell(ind.src());
            if (cell == null) continue;
            String marker = codes.marker(cell);
            if (marker == null && ValueParser.isBlank(cell)) continue;   // '', 'n/a', '-': nothing published, no row
            Double value = null;
            if (marker == null) {
                value = number(cell);
                if (value == null) {
                    row.rejectCell(ind.src(), ind.header(), "decimal",
                            "'" + cell.strip() + "' is not a number or a DfE symbol (" + codes.symbolList() + ", bracketed or not)");
                    continue;
                }
            }
            String measure = ind.name(), unit = unit(ind.name()), rowBreakdown = published, rowBy = by.toString(), publishedAs = null;
            DfeCodes.Canonical canonical = wideYear != null ? codes.canonicalWide(ind.name()) : codes.canonical(ind.name(), published);
            if (canonical != null) {
                measure = canonical.measure();
                unit = canonical.unit();
                publishedAs = wideYear != null ? ind.header() : ind.header() + ": " + published;
                rowBreakdown = "";
                rowBy = "";
            } else if (wideYear != null) {
                publishedAs = ind.header();
            }
            Object[] r = row.newRow();
            r[row.out("geographic_level")] = place.level();
            r[row.out("area_code")] = place.areaCode();
            r[row.out("area_name")] = place.areaName();
            r[row.out("la_code")] = place.laCode();
            r[row.out("gss_code")] = place.gss();
            r[row.out("region_code")] = place.regionCode();
            r[row.out("time_period")] = period;
            r[row.out("time_identifier")] = identifier;
            r[row.out("period_end")] = end;
            r[row.out("measure")] = measure;
            r[row.out("published_as")] = publishedAs;
            r[row.out("breakdown")] = rowBreakdown;
            r[row.out("breakdown_by")] = rowBy;
            r[row.out("value")] = value;
            r[row.out("unit")] = unit;
            r[row.out("suppression")] = marker;
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
