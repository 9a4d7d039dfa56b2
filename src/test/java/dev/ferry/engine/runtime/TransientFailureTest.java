package dev.ferry.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.FerryException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class TransientFailureTest {

    @Test
    void aTerminatedSessionIsWorthWaitingFor() {
        SQLException terminated = new SQLException("FATAL: terminating connection due to administrator command",
                "57P01");
        assertThat(TransientFailure.reason(new FerryException("writing t failed", terminated)))
                .hasValueSatisfying(r -> assertThat(r).contains("SQLSTATE 57P01"));
    }

    @Test
    void theDriversAssertionAboutAClosedConnectionIsWorthWaitingFor() {
        AssertionError driver = new AssertionError("pgStatement.getConnection().getAutoCommit() should not throw");
        driver.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("org.postgresql.jdbc.BatchResultHandler", "isAutoCommit", "x.java", 1)});
        assertThat(TransientFailure.reason(new FerryException("writing t failed: " + driver, driver)))
                .hasValueSatisfying(r -> assertThat(r).contains("08003"));
    }

    @Test
    void ourOwnAssertionsAndOrdinaryErrorsAreNot() {
        AssertionError ours = new AssertionError("a bug");
        assertThat(TransientFailure.reason(new FerryException("x", ours))).isEmpty();
        assertThat(TransientFailure.reason(new FerryException("x", new SQLException("syntax", "42601")))).isEmpty();
    }
}
