package dev.ferry.store.postgres;

import dev.ferry.store.Secrets;
import dev.ferry.store.TargetPressure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * A PostgreSQL target's pressure: how far its streaming standbys' replay is behind ({@code pg_stat_replication}) and
 * how fast it writes WAL. The server's own {@code replay_lag} stops moving while a standby's replay is held (it is
 * measured when replay advances), so the lag is also timed here: Ferry keeps when the primary's WAL passed each
 * position, and a standby whose replay is at position P lags by the time since the WAL first went past P.
 */
public final class PostgresPressure implements TargetPressure {

    private record Mark(long nanos, long lsn) { }

    private static final long KEEP_NANOS = Duration.ofMinutes(30).toNanos();

    private final PostgresStore store;
    private final Deque<Mark> marks = new ArrayDeque<>();

    public PostgresPressure(PostgresStore store) {
        this.store = store;
    }

    @Override
    public synchronized Reading read() {
        try (Connection c = store.newConnection();
             PreparedStatement s = c.prepareStatement("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint,"
                     + " (SELECT min(pg_wal_lsn_diff(replay_lsn, '0/0'))::bigint FROM pg_stat_replication),"
                     + " (SELECT extract(epoch FROM max(replay_lag)) FROM pg_stat_replication),"
                     + " (SELECT count(*) FROM pg_stat_replication),"
                     + " (SELECT count(*) FROM pg_stat_replication WHERE replay_lsn IS NULL)");
             ResultSet r = s.executeQuery()) {
            r.next();
            long now = System.nanoTime();
            long lsn = r.getLong(1);
            Long replayed = (Long) r.getObject(2);
            Double reported = r.getObject(3) == null ? null : r.getDouble(3);
            long standbys = r.getLong(4);
            Optional<Double> walRate = walRate(now, lsn);
            marks.addLast(new Mark(now, lsn));
            while (marks.size() > 2 && now - marks.peekFirst().nanos() > KEEP_NANOS) {
                marks.removeFirst();
            }
            if (standbys == 0) {
                return new Reading(Optional.of(Duration.ZERO), walRate, "");
            }
            if (replayed == null || r.getLong(5) > 0) {
                return new Reading(Optional.empty(), walRate, "the standbys' replay positions are hidden from this"
                        + " role (pg_stat_replication shows them to superusers and members of pg_monitor)");
            }
            return new Reading(Optional.of(lag(now, lsn, replayed, reported)), walRate, "");
        } catch (SQLException | RuntimeException e) {
            return new Reading(Optional.empty(), Optional.empty(), "could not read pg_stat_replication: "
                    + Secrets.redact(String.valueOf(e.getMessage())));
        }
    }

    /** Time since the WAL first went past the standby's replay position; the server's figure before Ferry knows. */
    private Duration lag(long now, long lsn, long replayed, Double reported) {
        if (replayed >= lsn) {
            return Duration.ZERO;
        }
        for (Mark m : marks) {
            if (m.lsn() > replayed) {
                return m == marks.peekFirst() && reported != null
                        ? Duration.ofMillis((long) (Math.max(reported, (now - m.nanos()) / 1e9) * 1000))
                        : Duration.ofNanos(now - m.nanos());
            }
        }
        return reported == null ? Duration.ZERO : Duration.ofMillis((long) (reported * 1000));
    }

    private Optional<Double> walRate(long now, long lsn) {
        Mark last = marks.peekLast();
        if (last == null || now <= last.nanos()) {
            return Optional.empty();
        }
        return Optional.of((lsn - last.lsn()) / ((now - last.nanos()) / 1e9));
    }
}
