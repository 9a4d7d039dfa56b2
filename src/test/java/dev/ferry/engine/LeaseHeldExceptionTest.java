package dev.ferry.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What an operator reads when a plan's lease is held: who, where, which process and run — never "null". */
class LeaseHeldExceptionTest {

    @Test
    void aLeaseThatRecordsNothingIsDescribedInWords() {
        String message = new LeaseHeldException("split-user-data", "o#1", null, null, null, null, null)
                .getMessage();
        assertThat(message).doesNotContain("null").contains("someone on an unknown host").contains("opening its run")
                .contains("no heartbeat yet").contains("cannot tell whether that process is alive")
                .contains("once it stops renewing it").contains("--wait");
    }

    @Test
    void aLiveHolderOnThisHostIsNamedByItsProcessAndNotWaitedOutByExpiry() {
        Instant now = Instant.now();
        LeaseHeldException held = new LeaseHeldException("split-user-data", "root@vm:1234/x#1", "root", "vm",
                "run-1", now.minusSeconds(6), now.plusSeconds(54), 1234, true);
        assertThat(held.getMessage()).doesNotContain("null")
                .contains("is being run by root on vm (process 1234, still running; run run-1, last heartbeat 6 s ago)")
                .contains("--wait").contains("stop that process");
        assertThat(held.who()).isEqualTo("root on vm (process 1234, run run-1)");
    }

    @Test
    void aHolderOnAnotherHostIsWaitedOutByItsLeasesExpiry() {
        Instant now = Instant.now();
        String message = new LeaseHeldException("p", "ops@night-box:4242/p#1", "ops", "night-box", null,
                now.minusSeconds(3), now.plusSeconds(57), 4242, false).getMessage();
        assertThat(message).doesNotContain("null").contains("process 4242 there").contains("opening its run")
                .contains("cannot see the processes of night-box").contains("lease expires at")
                .containsPattern("\\(in 5[0-9] s\\)");
    }
}
