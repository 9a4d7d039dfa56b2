package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.engine.postgres.ConversionRefused;
import dev.ferry.engine.postgres.Runbook002Schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunListener;
import dev.ferry.plan.PostgresPlanLoader;
import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.testing.TestPostgres;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Writes must be stopped during a conversion, and Ferry checks it: a row written to an original while its rows are
 * copied makes the swap refuse, the copy is discarded and nothing is swapped; run again without writes, it converts,
 * the new row included.
 */
class UuidWritesDuringCopyTest {

    @Test
    void aWriteDuringTheCopyStopsTheSwap() throws Exception {
        String url = TestPostgres.freshDatabase("uuid_writes");
        Runbook002Schema.create(url, 2_000, 3);
        UuidKeyPlan plan = ((UuidKeyPlan) PostgresPlanLoader.load(UuidConversionEndToEndTest.PLAN)).withBatchSize(500);
        AtomicBoolean written = new AtomicBoolean();
        RunListener writer = event -> {
            if (event instanceof RunEvent.BatchDone && written.compareAndSet(false, true)) {
                try {
                    Runbook002Schema.execute(url, "INSERT INTO journal_entries SELECT md5('late')::uuid::text, id,"
                            + " 'late', 'written during the copy', now() FROM users LIMIT 1");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        try (PostgresStore store = PostgresStore.connect(url)) {
            UuidKeyOperations ops = new UuidKeyOperations(store, plan, writer, new RunControl());
            assertThatThrownBy(ops::convert).isInstanceOf(ConversionRefused.class)
                    .hasMessageContaining("written while Ferry copied them").hasMessageContaining("journal_entries");
            assertThat(Runbook002Schema.scalar(url, "SELECT data_type FROM information_schema.columns WHERE"
                    + " table_schema = 'public' AND table_name = 'users' AND column_name = 'id'")).isEqualTo("character varying");
            assertThat(Runbook002Schema.scalar(url, "SELECT count(*) FROM pg_class WHERE relname LIKE 'ferry_new_%'"))
                    .isEqualTo("0");
            assertThat(Runbook002Schema.scalar(url, "SELECT count(*) FROM pg_trigger WHERE tgname = 'ferry_write_guard'"))
                    .isEqualTo("0");

            UuidKeyOperations quiet = new UuidKeyOperations(store, plan, RunListener.NONE, new RunControl());
            assertThat(quiet.fullMigration().ok()).isTrue();
            assertThat(Runbook002Schema.scalar(url, "SELECT count(*) FROM journal_entries")).isEqualTo("6001");
        }
    }
}
