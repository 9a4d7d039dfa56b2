package dev.ferry.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TestPostgresTest {

    @Test
    void startsARealPostgres15AndHandsOutSeparateDatabases() throws Exception {
        String first = TestPostgres.freshDatabase("smoke");
        String second = TestPostgres.freshDatabase("smoke");
        assertThat(first).isNotEqualTo(second);
        try (Connection c = DriverManager.getConnection(first); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id int primary key)");
            ResultSet rs = s.executeQuery("SHOW server_version_num");
            rs.next();
            assertThat(rs.getInt(1)).isBetween(150000, 159999);
        }
        try (Connection c = DriverManager.getConnection(second); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 't'");
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }
}
