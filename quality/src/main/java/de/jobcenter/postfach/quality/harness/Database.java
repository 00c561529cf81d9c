package de.jobcenter.postfach.quality.harness;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** One PostgreSQL database a service owns in a run: what its datasource needs, and a connection for checks. */
public record Database(String name, String jdbcUrl, String username, String password) {

    public Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", username);
        if (!password.isEmpty()) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "5");
        Connection connection = new org.postgresql.Driver().connect(jdbcUrl, props);
        if (connection == null) {
            throw new SQLException("Not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        return connection;
    }
}
