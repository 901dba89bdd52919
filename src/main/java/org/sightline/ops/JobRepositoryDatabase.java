package org.sightline.ops;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The database behind Spring Batch's JDBC job repository: an H2 file under the home by default,
 * PostgreSQL (or any JDBC URL) when {@code --db-url} is given. Batch's own schema script is run
 * once, when its tables are missing from the connection's current schema (for PostgreSQL, add
 * {@code ?currentSchema=NAME} to the URL to keep Sightline's tables in a schema of their own).
 */
@Configuration
public class JobRepositoryDatabase {

    @Bean
    public DataSource dataSource(@Value("${sightline.db.url}") String url,
                                 @Value("${sightline.db.user:}") String user,
                                 @Value("${sightline.db.password:}") String password) throws SQLException {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        if (!user.isEmpty()) c.setUsername(user);
        if (!password.isEmpty()) c.setPassword(password);
        c.setMaximumPoolSize(4);
        c.setPoolName("job-repository");
        HikariDataSource ds = new HikariDataSource(c);
        initialise(ds);
        return ds;
    }

    static void initialise(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase();
            if (tableExists(c, "BATCH_JOB_INSTANCE") || tableExists(c, "batch_job_instance")) return;
            String script = product.contains("postgres") ? "schema-postgresql.sql" : "schema-h2.sql";
            new ResourceDatabasePopulator(new ClassPathResource("org/springframework/batch/core/" + script)).populate(c);
        }
    }

    /** Looks in the connection's current schema only: another schema's tables (a second home's) do not count. */
    private static boolean tableExists(Connection c, String name) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), name, new String[] {"TABLE"})) {
            return rs.next();
        }
    }
}
