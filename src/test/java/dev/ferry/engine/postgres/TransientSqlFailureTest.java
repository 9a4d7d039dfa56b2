package dev.ferry.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.FerryException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which SQLSTATEs a PostgreSQL operation waits out (and reconnects for), and which it reports at once. */
class TransientSqlFailureTest {

    @Test
    void connectionLossShutdownSerializationAndDeadlockAreWorthWaitingFor() {
        for (String state : new String[] {"08000", "08003", "08006", "08001", "57P01", "57P02", "57P03", "40001",
                "40P01"}) {
            assertThat(TransientSqlFailure.reason(wrapped(state))).as(state).hasValueSatisfying(r ->
                    assertThat(r).contains("(SQLSTATE " + state + ")").doesNotContain("\n"));
        }
    }

    @Test
    void errorsThatWaitingWillNotFixAreNot() {
        for (String state : new String[] {"23505", "22P02", "28P01", "3D000", "42P01", "55P03", "57014", null}) {
            assertThat(TransientSqlFailure.reason(wrapped(state))).as(String.valueOf(state)).isEmpty();
        }
        assertThat(TransientSqlFailure.reason(new ConversionRefused("another session holds the lease"))).isEmpty();
    }

    @Test
    void theReasonIsOneLineWithoutThePassword() {
        SQLException e = new SQLException("FATAL: terminating connection\n  Detail: jdbc:postgresql://h/db?password=s3cret",
                "57P01");
        assertThat(TransientSqlFailure.reason(e)).hasValue("FATAL: terminating connection (SQLSTATE 57P01)");
    }

    private static RuntimeException wrapped(String state) {
        return new FerryException("Could not convert in jdbc:postgresql://h/db", new SQLException("failed", state));
    }
}
