package org.sightline.it;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.sightline.contract.Contract;
import org.sightline.contract.ContractLoader;
import org.sightline.lake.Lake;
import org.sightline.query.QueryRunner;

/** Helpers to read a home's lake back through a real DuckDB. */
public final class Lakes {
    private Lakes() {}

    public static Map<String, Contract> contracts() {
        return new ContractLoader(Path.of("jobs"), LocalDate.now()).loadAll();
    }

    public static List<List<Object>> rows(Path home, String sql) throws Exception {
        try (Connection c = QueryRunner.connect(new Lake(home), contracts())) {
            // the report layer's staging models (stg_case, site_target...) as `sightline query` has them
            org.sightline.report.Staging.create(c, Path.of("reports"), Path.of("jobs"));
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<List<Object>> out = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> r = new ArrayList<>();
                for (int i = 1; i <= n; i++) r.add(rs.getObject(i));
                out.add(r);
            }
            return out;
            }
        }
    }

    public static long count(Path home, String sql) throws Exception {
        return ((Number) rows(home, sql).get(0).get(0)).longValue();
    }
}
