package org.sightline.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The code lists of {@code jobs/codes/} bound to their typed records ({@link Codes}), the one reader of
 * the ingest hooks and {@code sightline check}: the shipped files bind whole (checked against the same
 * files read by SnakeYAML, an independent reader), and a misspelt key or a key given twice is an error
 * naming the file and the line.
 */
class CodesTest {

    @TempDir
    Path tmp;

    private static Map<?, ?> snake(Path file) throws Exception {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return (Map<?, ?>) new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
        }
    }

    private static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        for (Object x : (List<?>) o) out.add(String.valueOf(x));
        return out;
    }

    @Test
    void theShippedCodeListsBindToTheirRecordsWithEveryValue() throws Exception {
        Path jobs = Path.of("jobs");
        Path dfeFile = jobs.resolve(Codes.DFE);
        Codes.Dfe dfe = Codes.read(dfeFile, Codes.Dfe.class);
        Map<?, ?> dfeRaw = snake(dfeFile);
        assertThat(dfe.symbols().keySet()).containsExactlyElementsOf(strings(new ArrayList<>(((Map<?, ?>) dfeRaw.get("symbols")).keySet())))
                .contains("c", "x", ":", "..");
        assertThat(dfe.errors()).containsExactlyElementsOf(strings(dfeRaw.get("errors"))).contains("#DIV/0!");
        assertThat(dfe.measures().keySet()).containsExactlyElementsOf(strings(new ArrayList<>(((Map<?, ?>) dfeRaw.get("measures")).keySet())));
        Map<?, ?> onMarch = (Map<?, ?>) ((Map<?, ?>) dfeRaw.get("measures")).get("cla_on_31_march");
        assertThat(dfe.measures().get("cla_on_31_march").breakdowns()).containsExactlyElementsOf(strings(onMarch.get("breakdowns")));
        assertThat(dfe.measures().get("cla_on_31_march").wideColumns()).containsExactlyElementsOf(strings(onMarch.get("wide_columns")));
        Map<?, ?> rate = (Map<?, ?>) ((Map<?, ?>) dfeRaw.get("indicators")).get("rate_per_10000");
        assertThat(dfe.indicators().get("rate_per_10000").suffix()).isEqualTo(rate.get("suffix")).isEqualTo("_rate_per_10000");
        assertThat(dfe.wideAreaCodes()).containsEntry("Inner London", String.valueOf(((Map<?, ?>) dfeRaw.get("wide_area_codes")).get("Inner London")));
        assertThat(dfe.lookedAfter()).containsExactlyElementsOf(strings(dfeRaw.get("looked_after")));

        Path teamsFile = jobs.resolve(Codes.TEAMS);
        Map<String, Map<String, List<String>>> teams = Codes.teams(teamsFile);
        Map<?, ?> teamsRaw = snake(teamsFile);
        assertThat(teams.keySet()).containsExactlyElementsOf(strings(new ArrayList<>(teamsRaw.keySet())));
        for (Map.Entry<?, ?> site : teamsRaw.entrySet()) {
            for (Map.Entry<?, ?> team : ((Map<?, ?>) site.getValue()).entrySet()) {
                assertThat(teams.get(String.valueOf(site.getKey())).get(String.valueOf(team.getKey())))
                        .as(site.getKey() + "/" + team.getKey()).containsExactlyElementsOf(strings(team.getValue()));
            }
        }

        Path ssdaFile = jobs.resolve(Codes.SSDA903);
        Codes.Ssda903 ssda = Codes.read(ssdaFile, Codes.Ssda903.class);
        Map<?, ?> ssdaRaw = snake(ssdaFile);
        Map<String, Map<Integer, List<String>>> lists = ssda.lists();
        assertThat(lists.keySet()).containsExactlyInAnyOrder("RNE", "LS", "CIN", "PLACE_PROVIDER", "PLACE", "REC", "REASON_PLACE_CHANGE");
        for (String field : lists.keySet()) {
            Map<?, ?> years = (Map<?, ?>) ssdaRaw.get(field);
            for (Map.Entry<?, ?> y : years.entrySet()) {
                assertThat(lists.get(field).get((Integer) y.getKey())).as(field + " " + y.getKey()).containsExactlyElementsOf(strings(y.getValue()));
            }
        }
        assertThat(ssda.placeGroups().get("Placed for adoption")).containsExactlyElementsOf(
                strings(((Map<?, ?>) ssdaRaw.get("PLACE_GROUPS")).get("Placed for adoption")));

        Path laFile = jobs.resolve(Codes.LA_NAMES);
        Codes.LaNames la = Codes.read(laFile, Codes.LaNames.class);
        Map<?, ?> laRaw = snake(laFile);
        assertThat(la.otherCodes()).hasSameSizeAs((Map<?, ?>) laRaw.get("other_codes")).containsEntry("E06000048", "929");
        assertThat(la.otherNames().get("810")).containsExactlyElementsOf(strings(((Map<?, ?>) laRaw.get("other_names")).get("810")));
    }

    @Test
    void aMisspeltKeyIsAnErrorNamingTheFileAndLine() throws Exception {
        Path file = Files.writeString(tmp.resolve("dfe.yml"), "symbols:\n  c: suppressed\nerrors: ['#N/A']\nlooked_afterr: [CLA]\n");
        assertThatThrownBy(() -> Codes.read(file, Codes.Dfe.class))
                .isInstanceOf(Codes.CodeListException.class)
                .hasMessageStartingWith(file + " line ").hasMessageContaining("looked_afterr");
    }

    @Test
    void aTeamGivenTwiceAtOneSiteIsAnError() throws Exception {
        Path file = Files.writeString(tmp.resolve("teams.yml"), "METRO_CITY:\n  MC_NORTH: [North]\n  MC_NORTH: [Metro North]\n");
        assertThatThrownBy(() -> Codes.teams(file))
                .isInstanceOf(Codes.CodeListException.class)
                .hasMessageStartingWith(file + " line 3").hasMessageContaining("MC_NORTH");
        // and the same file without the repeat binds
        Files.writeString(file, "METRO_CITY:\n  MC_NORTH: [North]\n  MC_SOUTH:\n");
        Map<String, Map<String, List<String>>> teams = Codes.teams(file);
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("MC_NORTH", List.of("North"));
        expected.put("MC_SOUTH", null);
        assertThat(teams).containsOnlyKeys("METRO_CITY");
        assertThat(teams.get("METRO_CITY")).isEqualTo(expected);
    }
}
