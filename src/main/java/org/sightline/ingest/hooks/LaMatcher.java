package org.sightline.ingest.hooks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.sightline.codes.Codes;
import org.sightline.ingest.HookContext;
import org.sightline.contract.Names;
import org.sightline.lake.Lake;
import org.sightline.lake.Manifest;
import org.sightline.lake.BuiltInLaReference;
import org.sightline.lake.Duck;

/**
 * Matches a row's local authority to {@code la_reference}: by code when one is given (the three-digit
 * DfE code or the GSS code, as text or as a spreadsheet number such as {@code 801.0}), otherwise by
 * normalised name. Shared by every dataset keyed by LA (Ofsted judgements, LAC statistics).
 *
 * <p>Usage from a {@link org.sightline.ingest.DatasetHook}: in {@code prepare}, {@code matcher =
 * LaMatcher.fromLake(ctx)} (refuses the file when la_reference is not loaded yet; declare
 * {@code load_after: [la_reference]} in the contract); per row, {@code Match m = matcher.match(code,
 * name)}, then {@code m.laCode()} or, when {@code !m.matched()}, reject the row with {@code m.problem()}
 * on the code column when {@code m.onCode()}, else on the name column.
 *
 * <p>Name rules: case, spaces, hyphens and punctuation are ignored, "&amp;" = "and"; "Bristol, City of"
 * = "City of Bristol" = "Bristol"; "Herefordshire, County of" = "Herefordshire"; council words are
 * ignored ("Leeds City Council", "London Borough of Lewisham", "Rotherham Metropolitan Borough
 * Council"). Other names ("Hull") and former codes come only from {@code jobs/codes/la-names.yml}:
 * a reorganised authority is never guessed onto its successor. A name that fits two LAs is an error.
 * A code and a name that point at two different LAs is an error too (which one is right is unknown).
 */
public final class LaMatcher {

    /** One row of la_reference. */
    public record La(String laCode, String gssCode, String name, boolean retired) {
        public La(String laCode, String gssCode, String name) {
            this(laCode, gssCode, name, false);
        }
    }

    /**
     * The answer for one row: the matched LA, or the problem (a sentence naming the LA as given).
     * {@code onCode} says whether the problem is with the code (else with the name).
     */
    public record Match(String laCode, String laName, String problem, boolean onCode) {
        public boolean matched() {
            return laCode != null;
        }
    }

    /** Where the other names and codes live, relative to the jobs folder. */
    public static final String LOOKUP = Codes.LA_NAMES;

    private static final Pattern WHOLE_FLOAT = Pattern.compile("(\\d+)\\.0+");
    private static final List<String> PREFIXES = List.of("the ", "city of ", "county of ", "london borough of ",
            "royal borough of ", "metropolitan borough of ", "borough of ", "county ");
    private static final List<String> SUFFIXES = List.of(" city of", " county of", " metropolitan borough council",
            " metropolitan district council", " borough council", " city council", " county council", " district council",
            " council", " mbc", " borough", " county", " city");

    private final Map<String, La> byCode = new HashMap<>();
    private final Map<String, Set<String>> byExactName = new HashMap<>();
    private final Map<String, Set<String>> byName = new HashMap<>();
    private final Map<String, La> byLaCode = new LinkedHashMap<>();

    /**
     * @param las        the rows of la_reference
     * @param otherNames la_code -> other names people write for it
     * @param otherCodes a former code of the same authority -> its la_code
     */
    public LaMatcher(List<La> las, Map<String, List<String>> otherNames, Map<String, String> otherCodes) {
        for (La la : las) {
            byLaCode.put(la.laCode(), la);
            byCode.put(codeKey(la.laCode()), la);
            if (la.gssCode() != null) byCode.put(codeKey(la.gssCode()), la);
            byExactName.computeIfAbsent(Names.key(la.name()), x -> new LinkedHashSet<>()).add(la.laCode());
            for (String k : referenceKeys(la.name())) byName.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(la.laCode());
        }
        otherCodes.forEach((code, laCode) -> {
            La la = byLaCode.get(laCode);
            if (la != null) byCode.putIfAbsent(codeKey(code), la);
        });
        otherNames.forEach((laCode, names) -> {
            if (!byLaCode.containsKey(laCode)) return;
            for (String n : names) {
                byExactName.computeIfAbsent(Names.key(n), x -> new LinkedHashSet<>()).add(laCode);
                byName.computeIfAbsent(core(n, true), x -> new LinkedHashSet<>()).add(laCode);
            }
        });
    }

    /**
     * A matcher over the published la_reference and {@code <jobs>/codes/la-names.yml}. Throws an
     * {@link IllegalStateException} (which refuses the file, with its message) when la_reference has
     * not been loaded.
     */
    public static LaMatcher fromLake(HookContext ctx) throws IOException, SQLException {
        return fromLake(ctx.publishedFiles("la_reference"), ctx.jobsDir());
    }

    /** The same, for code outside a hook (a report, a tool): the lake under {@code home}. */
    public static LaMatcher fromLake(Path home, Path jobsDir) throws IOException, SQLException {
        Lake lake = new Lake(home);
        List<Path> files = new ArrayList<>();
        for (Manifest.FileEntry f : lake.read().current("la_reference")) files.add(lake.root().resolve(f.path()));
        return fromLake(files, jobsDir);
    }

    /**
     * Over the built-in national reference ({@link BuiltInLaReference}) extended by the given la_reference
     * files; only when both are absent is la_reference "not loaded".
     */
    static LaMatcher fromLake(List<Path> files, Path jobsDir) throws IOException, SQLException {
        List<Map<String, String>> builtIn = BuiltInLaReference.rows(jobsDir);
        if (files.isEmpty() && builtIn.isEmpty()) {
            throw new org.sightline.ingest.DatasetHook.WaitingForReference("la_reference", "la_reference is not loaded, and every row must be matched to an LA in it:"
                    + " ingest the LA reference file first (or together with this file)");
        }
        List<La> las = new ArrayList<>();
        if (files.isEmpty()) {
            // nothing ingested: the national reference Sightline ships
            for (Map<String, String> r : builtIn) las.add(new La(r.get("la_code"), r.get("gss_code"), r.get("la_name"), r.get("ceased_on") != null));
        } else {
            // an ingested lookup extends the built-in reference (BuiltInLaReference.overlay): the view's rows
            Map<String, String> cols = new LinkedHashMap<>();
            for (String col : List.of("la_code", "gss_code", "la_name")) cols.put(col, "VARCHAR");
            cols.put("ceased_on", "DATE");
            String lineage = String.join(", ", org.sightline.lake.LakeSchema.LINEAGE);
            String ingested = "SELECT la_code, gss_code, la_name, ceased_on, " + lineage + " FROM read_parquet(" + Duck.fileList(files) + ", union_by_name = true)";
            try (Connection c = Duck.open(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT la_code, gss_code, la_name, ceased_on FROM ("
                         + BuiltInLaReference.overlay(jobsDir, cols, ingested) + ") ORDER BY la_code")) {
                while (rs.next()) las.add(new La(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4) != null));
            }
        }
        Map<String, List<String>> names = new LinkedHashMap<>();
        Map<String, String> codes = new LinkedHashMap<>();
        readLookup(jobsDir.resolve(LOOKUP), names, codes);
        // the built-in reference's other names and former GSS codes help whichever reference is in use
        for (Map<String, String> r : builtIn) {
            List<String> other = BuiltInLaReference.items(r.get("other_names"), ";");
            if (!other.isEmpty()) names.computeIfAbsent(r.get("la_code"), k -> new ArrayList<>()).addAll(other);
            for (String g : BuiltInLaReference.items(r.get("former_gss_codes"), ",")) codes.putIfAbsent(g, r.get("la_code"));
        }
        return new LaMatcher(las, names, codes);
    }

    /** Reads {@code la-names.yml} ({@code other_names: {la_code: [names]}, other_codes: {code: la_code}}); absent is empty. */
    public static void readLookup(Path file, Map<String, List<String>> names, Map<String, String> codes) {
        if (!Files.isRegularFile(file)) return;
        Codes.LaNames lookup = Codes.read(file, Codes.LaNames.class);
        if (lookup == null) return;
        if (lookup.otherNames() != null) {
            lookup.otherNames().forEach((k, v) -> names.put(k, v == null ? new ArrayList<>() : new ArrayList<>(v)));
        }
        if (lookup.otherCodes() != null) codes.putAll(lookup.otherCodes());
    }

    /** Every LA of the reference, in code order. */
    public List<La> las() {
        return List.copyOf(byLaCode.values());
    }

    /** Matches by code when given (blank, 'nan' and the like count as not given), else by name. */
    public Match match(String code, String name) {
        boolean hasCode = code != null && !org.sightline.contract.ValueParser.isBlank(code);
        boolean hasName = name != null && !org.sightline.contract.ValueParser.isBlank(name);
        if (hasCode) {
            La la = byCode.get(codeKey(code));
            String given = "'" + code.strip() + "'" + (hasName ? " (" + name.strip() + ")" : "");
            if (la == null) {
                return new Match(null, null, "the LA code " + given + " is not in la_reference; a former or mistyped code?"
                        + " (add a former code to jobs/codes/la-names.yml only if it is the same authority)", true);
            }
            if (hasName) {
                Match byN = matchName(name);
                if (byN.matched() && !byN.laCode().equals(la.laCode())) {
                    return new Match(null, null, "the LA code '" + code.strip() + "' is " + la.name() + " but the name '" + name.strip()
                            + "' is " + byN.laName() + " (" + byN.laCode() + "); which is right cannot be told", true);
                }
            }
            return new Match(la.laCode(), la.name(), null, true);
        }
        if (hasName) return matchName(name);
        return new Match(null, null, "neither an LA code nor an LA name is given", false);
    }

    private Match matchName(String name) {
        // the exact name (after case and punctuation) first, then without the words that vary
        for (int pass = 0; pass < 2; pass++) {
            Set<String> hits = pass == 0 ? byExactName.get(Names.key(name)) : byName.get(core(name, false));
            if (hits == null || hits.isEmpty()) continue;
            if (hits.size() > 1) {
                // a current LA and a retired one of the same name (Dorset 838 and the Dorset county council 835): the current
                List<String> current = hits.stream().filter(c -> !byLaCode.get(c).retired()).toList();
                if (current.size() == 1) {
                    La la = byLaCode.get(current.get(0));
                    return new Match(la.laCode(), la.name(), null, false);
                }
                return new Match(null, null, "the local authority '" + name.strip() + "' fits more than one LA in la_reference ("
                        + String.join(", ", hits) + "); give its code", false);
            }
            La la = byLaCode.get(hits.iterator().next());
            return new Match(la.laCode(), la.name(), null, false);
        }
        return new Match(null, null, "the local authority '" + name.strip() + "' matches no LA in la_reference by name"
                + " (other names can be added to jobs/codes/la-names.yml)", false);
    }

    /** The looser keys an la_reference name is found by: without council words or ", City of", and as "City of X". */
    private static List<String> referenceKeys(String name) {
        List<String> keys = new ArrayList<>();
        keys.add(core(name, true));
        String lower = name.toLowerCase(Locale.ROOT).strip();
        if (lower.startsWith("county ")) keys.add(core(lower.substring("county ".length()), true));   // "County Durham" = "Durham"
        for (String suffix : List.of(", city of", ", county of")) {
            if (lower.endsWith(suffix)) keys.add(Names.key(suffix.substring(2) + " " + lower.substring(0, lower.length() - suffix.length())));
        }
        return keys;
    }

    /**
     * A name without the words that vary: a trailing ", City of" / ", County of", council words and,
     * for names as written in files (not reference names), a leading "City of", "London Borough of"...
     * Reference names keep a leading "City of", so "London" never finds "City of London".
     */
    static String core(String name, boolean reference) {
        String s = name.toLowerCase(Locale.ROOT).replace("&", " and ").replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String suf : SUFFIXES) {
                if (s.endsWith(suf) && s.length() > suf.length()) {
                    s = s.substring(0, s.length() - suf.length()).strip();
                    changed = true;
                }
            }
            if (!reference) {
                for (String pre : PREFIXES) {
                    if (s.startsWith(pre) && s.length() > pre.length()) {
                        s = s.substring(pre.length()).strip();
                        changed = true;
                    }
                }
            }
        }
        return Names.key(s);
    }

    private static String codeKey(String code) {
        String c = code.strip().toUpperCase(Locale.ROOT);
        var m = WHOLE_FLOAT.matcher(c);
        if (m.matches()) c = m.group(1);
        return c;
    }
}
