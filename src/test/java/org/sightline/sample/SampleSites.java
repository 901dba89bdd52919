package org.sightline.sample;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The sample sites declared as data: {@code sample-sites.yml} beside this class (in {@code src/test/resources}),
 * read with Jackson into these records. The file's header comment explains every field.
 */
record SampleSites(Map<String, FileFormat> formats, @JsonProperty("la_reference") LaReference laReference,
                   @JsonProperty("site_register") SiteRegister siteRegister,
                   Simulation simulation, Map<String, Map<String, String>> ethnicity, List<Site> sites) {

    static final String RESOURCE = "sample-sites.yml";

    /** The LA reference file: its layout, the LAs (real codes and names; made-up populations) and the ceased LAs. */
    record LaReference(String file, String format, String title, Map<String, String> columns, List<La> las,
                       List<CeasedLa> ceased) {}

    /** Real DfE code, GSS code, name and region; the population is made up. */
    record La(String code, String gss, String name, String region, int population) {}

    record CeasedLa(String code, String gss, String name, String region, String successor,
                    @JsonProperty("ceased_on") String ceasedOn) {}

    /**
     * How every site's service runs: the shares of decided referrals accepted and declined (the rest withdrawn),
     * days from referral to the case's start and the length of treatment, each a {@code [min, max]} range in days.
     */
    record Simulation(double accepted, double declined, @JsonProperty("start_after_days") List<Integer> startAfterDays,
                      @JsonProperty("treatment_days") List<Integer> treatmentDays) {}

    /** From a month ({@code yyyy-MM}), each team's referrals a month: a seeded draw from min to max, inclusive. */
    record Volume(String from, @JsonProperty("referrals_per_team") List<Integer> referralsPerTeam) {}

    /** The site register file: its layout; its rows come from {@code sites}. */
    record SiteRegister(String file, String format, String title, Map<String, String> columns) {}

    /** How a file is written: one writer ({@link SampleFiles}) for both kinds. */
    record FileFormat(String type, @JsonProperty("date_format") String dateFormat, String delimiter, String charset,
                      String eol, boolean bom, @JsonProperty("pad_with_delimiters") boolean padWithDelimiters) {
        boolean xlsx() {
            return "xlsx".equals(type);
        }
    }

    record Site(String id, String name, String slug, String prefix, String programme, int teams, int therapists,
                String fte, @JsonProperty("annual_budget") String annualBudget, @JsonProperty("la_codes") List<String> laCodes, @JsonProperty("go_live") String goLive,
                @JsonProperty("closed_on") String closedOn, @JsonProperty("last_referral_month") String lastReferralMonth,
                String extract, List<Volume> volumes, List<String> districts, boolean diverse,
                @JsonProperty("accented_names") boolean accentedNames,
                @JsonProperty("notes_with_symbols") boolean notesWithSymbols,
                @JsonProperty("person_id") IdPattern personId, @JsonProperty("referral_id") IdPattern referralId,
                Spellings spellings, String format, @JsonProperty("read_me") List<String> readMe,
                List<TableDef> tables, Fidelity fidelity, @JsonProperty("bad_rows") List<BadRow> badRows) {}

    /** The site's TAM-R and SAM exports: format, spellings, date style, percentages or fractions, each export's layout. */
    record Fidelity(String format, String site, String dates, boolean percent, Map<String, String> teams,
                    @JsonProperty("sam_teams") Map<String, String> samTeams, Export tam, Export sam) {}

    record Export(String file, String sheet, String title, Map<String, String> columns) {}

    /** {@code String.format(format, args...)}; args name year, yy, seq (per year) or running (+ running_from); or from + a seeded draw below count. */
    record IdPattern(String format, List<String> args, @JsonProperty("running_from") int runningFrom, long from, int count) {}

    /** The site's spellings of canonical codes; ethnicity names a list under {@code ethnicity:} (absent: the DfE codes). */
    record Spellings(String site, @JsonProperty("numeric_ids") boolean numericIds, String ethnicity,
                     Map<String, String> source, Map<String, String> sex, Map<String, String> decision,
                     Map<String, String> decline, Map<String, String> closure, Map<String, String> exit) {}

    record TableDef(String dataset, String file, String sheet, @JsonProperty("blank_after_title") int blankAfterTitle,
                    String dates, String booleans, Map<String, String> columns, List<Step> layout) {}

    /** One layout step: exactly one field is set. */
    record Step(@JsonProperty("blank_between") String blankBetween, @JsonProperty("blank_at") Integer blankAt,
                @JsonProperty("blank_before_last") Integer blankBeforeLast,
                @JsonProperty("empty_strings_at") Integer emptyStringsAt,
                @JsonProperty("blank_at_end") boolean blankAtEnd, boolean total) {}

    record BadRow(String dataset, Pick pick, String column, String reason, String detail, Object value, boolean blank,
                  @JsonProperty("date_of") String dateOf, @JsonProperty("plus_days") int plusDays,
                  @JsonProperty("plus_years") int plusYears, String pattern) {}

    record Pick(Integer index, Integer nth, boolean last, String decision, Integer year,
                @JsonProperty("day_after") Integer dayAfter, String before, Integer months) {}

    static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    static SampleSites load() {
        try (InputStream in = SampleSites.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is not on the test classpath");
            return YAML.readValue(in, SampleSites.class);
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + ": " + e.getMessage(), e);
        }
    }

    FileFormat format(String name) {
        FileFormat f = formats.get(name);
        if (f == null) throw new IllegalArgumentException(RESOURCE + ": no format '" + name + "' (formats: " + formats.keySet() + ")");
        return f;
    }
}
