package dev.ferry.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan's {@code retry:} section: durations in the units an operator writes, and located errors. */
class RetryPlanTest {

    private static String plan(String retry) {
        return """
                name: t
                source: { collection: src }
                targets:
                  - collection: out
                    id: { from: _id }
                    fields: { a: { from: a } }
                """ + retry + "\n";
    }

    private static List<String> rendered(String text) {
        PlanException e = catchThrowableOfType(PlanException.class, () -> PlanLoader.parse(text, "t.yaml"));
        assertThat(e).as("expected a PlanException").isNotNull();
        assertThat(e.exitCode()).isEqualTo(2);
        return e.errors().stream().map(PlanError::render).toList();
    }

    @Test
    void bindsEachDurationInItsUnit() {
        Plan plan = PlanLoader.parse(plan("retry: { max_wait: 2m, first_delay: 250ms, max_delay: 5s }"), "t.yaml");
        assertThat(plan.retry()).isEqualTo(new RetrySpec(Duration.ofMinutes(2), Duration.ofMillis(250),
                Duration.ofSeconds(5)));
        assertThat(PlanLoader.parse(plan("retry:\n  max_wait: 90"), "t.yaml").retry().maxWait())
                .as("a bare number is seconds").isEqualTo(Duration.ofSeconds(90));
        assertThat(PlanLoader.parse(plan("retry: { max_wait: 1.5h }"), "t.yaml").retry().maxWait())
                .isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void zeroTurnsWaitingOffAndLeavingItOutKeepsTheDefaults() {
        assertThat(PlanLoader.parse(plan("retry: { max_wait: 0 }"), "t.yaml").retry())
                .isEqualTo(new RetrySpec(Duration.ZERO, null, null));
        assertThat(PlanLoader.parse(plan("retry: { max_wait: 0s }"), "t.yaml").retry().maxWait()).isZero();
        assertThat(PlanLoader.parse(plan(""), "t.yaml").retry()).isEqualTo(RetrySpec.none());
    }

    @Test
    void anUnknownKeyNamesTheClosestOne() {
        assertThat(rendered(plan("retry: { max_wiat: 60s }")))
                .containsExactly("t.yaml:7:10: retry.max_wiat: unknown key 'max_wiat' (did you mean 'max_wait'?)");
        assertThat(rendered(plan("retyr: { max_wait: 60s }")))
                .containsExactly("t.yaml:7:1: retyr: unknown key 'retyr' (did you mean 'retry'?)");
    }

    @Test
    void badDurationsAreLocated() {
        assertThat(rendered(plan("retry: { max_wait: soon, first_delay: 0, max_delay: -3 }"))).containsExactly(
                "t.yaml:7:20: retry.max_wait: expected a duration such as 60s, 500ms or 2m, got 'soon'",
                "t.yaml:7:39: retry.first_delay: a backoff delay must be longer than 0",
                "t.yaml:7:53: retry.max_delay: expected a duration such as 60s, 500ms or 2m, got '-3'");
        assertThat(rendered(plan("retry:\n  max_wait: [60s]")))
                .containsExactly("t.yaml:8:13: retry.max_wait: expected a duration such as 60s, 500ms or 2m, got a list");
        assertThat(rendered(plan("retry: 60s")))
                .containsExactly("t.yaml:7:8: retry: expected a map, got a string");
    }

    @Test
    void theFirstDelayMayNotExceedTheLongest() {
        assertThat(rendered(plan("retry: { first_delay: 20s, max_delay: 5s }"))).containsExactly(
                "t.yaml:7:23: retry.first_delay: the first delay (20s) is longer than max_delay (5s); make it shorter");
    }

    @Test
    void postgresPlansTakeTheSameSection() {
        String uuid = """
                kind: uuid-key-conversion
                name: users-uuid
                table: users
                column: id
                retry: { max_wait: 30s, first_delay: 200ms }
                """;
        assertThat(PostgresPlanLoader.parse(uuid, "u.yaml").retry())
                .isEqualTo(new RetrySpec(Duration.ofSeconds(30), Duration.ofMillis(200), null));
        String backfill = """
                kind: postgres-operations
                name: accuracy
                table: predictions
                retry: { max_wait: soon }
                """;
        PlanException e = catchThrowableOfType(PlanException.class, () -> PostgresPlanLoader.parse(backfill, "b.yaml"));
        assertThat(e.errors().stream().map(PlanError::render)).containsExactly(
                "b.yaml:4:20: retry.max_wait: expected a duration such as 60s, 500ms or 2m, got 'soon'");
        assertThat(PostgresPlanLoader.parse(uuid.replace("retry: { max_wait: 30s, first_delay: 200ms }\n", ""),
                "u.yaml").retry()).isEqualTo(RetrySpec.none());
    }
}
