package org.sightline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.it.Cli;
import org.sightline.lake.Lake;
import org.sightline.lake.Manifest;
import org.sightline.lake.Duck;

/** sightline query's JSON and CSV are faithful: lists as arrays, NaN as null, CSV quoting a carriage return. */
class QueryOutputTest {

    static final String SQL = "select [810, 811] as la_codes, ['a', 'b,c'] as names, 'nan'::double as nan, 'inf'::double as inf, "
            + "1.5::double as x, 3 as n, true as b, 'line' || chr(13) || 'break' as cr, 'say \"hi\"' as q, null as nothing, date '2026-10-31' as d";

    @TempDir
    Path home;

    @BeforeEach
    void emptyLake() throws Exception {
        new Lake(home).commit(new Manifest());
    }

    @Test
    void jsonParsesBackWithListsAsArraysAndNanAsNull() throws Exception {
        Cli.Result r = Cli.run("query", "--home", home.toString(), "--format", "json", SQL);
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode rows = new ObjectMapper().readTree(r.out());
        assertThat(rows.isArray()).isTrue();
        assertThat(rows).hasSize(1);
        JsonNode row = rows.get(0);
        assertThat(row.get("la_codes").isArray()).isTrue();
        assertThat(row.get("la_codes").get(0).asInt()).isEqualTo(810);
        assertThat(row.get("la_codes").get(1).asInt()).isEqualTo(811);
        assertThat(row.get("names").get(1).asText()).isEqualTo("b,c");
        assertThat(row.get("nan").isNull()).isTrue();
        assertThat(row.get("inf").isNull()).isTrue();
        assertThat(row.get("x").isNumber()).isTrue();
        assertThat(row.get("x").asDouble()).isEqualTo(1.5);
        assertThat(row.get("n").asInt()).isEqualTo(3);
        assertThat(row.get("b").isBoolean()).isTrue();
        assertThat(row.get("cr").asText()).isEqualTo("line\rbreak");
        assertThat(row.get("nothing").isNull()).isTrue();
        assertThat(row.get("d").asText()).isEqualTo("2026-10-31");
    }

    @Test
    void csvReadsBackInDuckDbWithTheCarriageReturnInsideItsField() throws Exception {
        Cli.Result r = Cli.run("query", "--home", home.toString(), "--format", "csv", SQL);
        assertThat(r.exit()).as(r.err()).isZero();
        Path csv = home.resolve("out.csv");
        Files.writeString(csv, r.out(), StandardCharsets.UTF_8);
        // an independent reader: DuckDB's CSV reader, every column as text
        try (Connection c = Duck.open(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select * from read_csv(" + Duck.literal(csv.toString()) + ", header = true, all_varchar = true, quote = '\"', escape = '\"')")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("cr")).isEqualTo("line\rbreak");
            assertThat(rs.getString("q")).isEqualTo("say \"hi\"");
            assertThat(rs.getString("names")).isEqualTo("[a, b,c]");
            assertThat(rs.getString("nan")).isNull();
            assertThat(rs.getString("x")).isEqualTo("1.5");
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void aMisspeltTableIsOneLineWithDuckDbsOwnMessage() {
        Cli.Result r = Cli.run("query", "--home", home.toString(), "select count(*) from referal");
        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).startsWith("sightline query: Catalog Error: Table with name referal does not exist!")
                .contains("referral").doesNotContain("Attempting to execute");
    }
}
