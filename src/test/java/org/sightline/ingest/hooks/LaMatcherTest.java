package org.sightline.ingest.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** LA matching rules, over real LA names and codes and the project's own jobs/codes/la-names.yml. */
class LaMatcherTest {

    static final List<LaMatcher.La> LAS = List.of(
            new LaMatcher.La("801", "E06000023", "Bristol, City of"),
            new LaMatcher.La("810", "E06000010", "Kingston upon Hull, City of"),
            new LaMatcher.La("839", "E06000058", "Bournemouth, Christchurch and Poole"),
            new LaMatcher.La("838", "E06000059", "Dorset"),
            new LaMatcher.La("879", "E06000026", "Plymouth"),
            new LaMatcher.La("383", "E08000035", "Leeds"),
            new LaMatcher.La("372", "E08000018", "Rotherham"),
            new LaMatcher.La("209", "E09000023", "Lewisham"),
            new LaMatcher.La("201", "E09000001", "City of London"),
            new LaMatcher.La("884", "E06000019", "Herefordshire, County of"),
            new LaMatcher.La("921", "E06000046", "Isle of Wight"),
            new LaMatcher.La("929", "E06000057", "Northumberland"),
            new LaMatcher.La("390", "E08000037", "Gateshead"));

    static LaMatcher withProjectLookup() throws Exception {
        Map<String, List<String>> names = new LinkedHashMap<>();
        Map<String, String> codes = new LinkedHashMap<>();
        LaMatcher.readLookup(Path.of("jobs").resolve(LaMatcher.LOOKUP), names, codes);
        assertThat(names).containsKey("810");
        return new LaMatcher(LAS, names, codes);
    }

    static String code(LaMatcher m, String code, String name) {
        LaMatcher.Match r = m.match(code, name);
        assertThat(r.matched()).as(code + " / " + name + ": " + r.problem()).isTrue();
        return r.laCode();
    }

    @Test
    void namesMatchWhateverTheCaseSpacingPunctuationAndCouncilWords() throws Exception {
        LaMatcher m = withProjectLookup();
        assertThat(code(m, null, "bournemouth, christchurch & poole")).isEqualTo("839");
        assertThat(code(m, null, "BOURNEMOUTH CHRISTCHURCH AND POOLE")).isEqualTo("839");
        assertThat(code(m, null, "Bristol, City of")).isEqualTo("801");
        assertThat(code(m, null, "City of Bristol")).isEqualTo("801");
        assertThat(code(m, null, "Bristol")).isEqualTo("801");
        assertThat(code(m, null, "Bristol City Council")).isEqualTo("801");
        assertThat(code(m, null, "Kingston upon Hull, City of")).isEqualTo("810");
        assertThat(code(m, null, "Kingston-upon-Hull")).isEqualTo("810");
        assertThat(code(m, null, "Hull")).isEqualTo("810");                       // from la-names.yml
        assertThat(code(m, null, "Leeds City Council")).isEqualTo("383");
        assertThat(code(m, null, "Rotherham Metropolitan Borough Council")).isEqualTo("372");
        assertThat(code(m, null, "London Borough of Lewisham")).isEqualTo("209");
        assertThat(code(m, null, "Herefordshire")).isEqualTo("884");
        assertThat(code(m, null, "Isle-of-Wight")).isEqualTo("921");
        assertThat(code(m, null, "  isle of wight ")).isEqualTo("921");
        assertThat(code(m, null, "City of London")).isEqualTo("201");
        // "London" is not the City of London: a leading "City of" is only dropped from the name given
        assertThat(m.match(null, "London").matched()).isFalse();
    }

    @Test
    void codesMatchAsDfeOrGssCodesAsTextOrNumbers() throws Exception {
        LaMatcher m = withProjectLookup();
        assertThat(code(m, "801", null)).isEqualTo("801");
        assertThat(code(m, " 801 ", "whatever they call it")).isEqualTo("801");    // a name that fits no LA does not overrule the code
        assertThat(code(m, "801.0", null)).isEqualTo("801");                       // a number exported as a float
        assertThat(code(m, "e06000023", null)).isEqualTo("801");                   // GSS, any case
        assertThat(code(m, "nan", "Plymouth")).isEqualTo("879");                   // a placeholder is no code: the name decides
    }

    @Test
    void formerCodesMatchOnlyWhenTheLookupListsThem() throws Exception {
        LaMatcher listed = withProjectLookup();
        assertThat(code(listed, "E06000048", "Northumberland")).isEqualTo("929");
        assertThat(code(listed, "E08000020", null)).isEqualTo("390");
        LaMatcher bare = new LaMatcher(LAS, Map.of(), Map.of());
        LaMatcher.Match m = bare.match("E06000048", "Northumberland");
        assertThat(m.matched()).isFalse();
        assertThat(m.onCode()).isTrue();
        assertThat(m.problem()).contains("'E06000048'").contains("Northumberland").contains("not in la_reference");
        // Bournemouth became part of BCP in 2019; the project lookup does not say so, so it is not guessed
        assertThat(listed.match("835", "Bournemouth").matched()).isFalse();
        assertThat(listed.match(null, "Bournemouth").matched()).isFalse();
    }

    @Test
    void anUnmatchedLaIsAProblemNamingIt() throws Exception {
        LaMatcher m = withProjectLookup();
        LaMatcher.Match byName = m.match(null, "Westmorland and Furness");
        assertThat(byName.matched()).isFalse();
        assertThat(byName.onCode()).isFalse();
        assertThat(byName.problem()).contains("'Westmorland and Furness'").contains("matches no LA");
        LaMatcher.Match byCode = m.match("940", "North Northamptonshire");
        assertThat(byCode.onCode()).isTrue();
        assertThat(byCode.problem()).contains("'940'").contains("North Northamptonshire");
        LaMatcher.Match none = m.match("", "  ");
        assertThat(none.matched()).isFalse();
        assertThat(none.problem()).contains("neither");
    }

    @Test
    void aCodeAndANameOfTwoDifferentLasIsAnError() throws Exception {
        LaMatcher.Match m = withProjectLookup().match("838", "Plymouth");
        assertThat(m.matched()).isFalse();
        assertThat(m.onCode()).isTrue();
        assertThat(m.problem()).contains("Dorset").contains("Plymouth").contains("879");
    }

    @Test
    void aNameThatFitsTwoLasIsAnErrorNotAGuess() {
        LaMatcher m = new LaMatcher(List.of(new LaMatcher.La("001", null, "Newtown"), new LaMatcher.La("002", null, "Newtown, City of")),
                Map.of(), Map.of());
        assertThat(m.match(null, "Newtown, City of").laCode()).isEqualTo("002");     // the exact name wins
        assertThat(m.match(null, "NEWTOWN").laCode()).isEqualTo("001");
        LaMatcher.Match r = m.match(null, "Newtown City Council");
        assertThat(r.matched()).isFalse();
        assertThat(r.problem()).contains("more than one").contains("001").contains("002");
    }
}
