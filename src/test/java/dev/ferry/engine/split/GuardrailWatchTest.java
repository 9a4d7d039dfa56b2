package dev.ferry.engine.split;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.plan.Guardrails;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The duration limit judges one session against the estimate for the records it had left. */
class GuardrailWatchTest {

    private static final Guardrails TWICE = new Guardrails(null, 2.0, null, 0, Guardrails.BreachAction.PAUSE);

    @Test
    void aNewRunIsJudgedAgainstTheWholeEstimate() {
        GuardrailWatch watch = new GuardrailWatch(TWICE, Duration.ofSeconds(10), 1);
        assertThat(watch.check(100, 0, 50, Duration.ofSeconds(19))).isEmpty();
        assertThat(watch.check(100, 0, 50, Duration.ofSeconds(21))).get()
                .satisfies(b -> assertThat(b.description()).isEqualTo(
                        "running 2.1× the dry run's estimate of 10 s, above the limit of 2.0×"));
    }

    @Test
    void aResumedSessionIsJudgedOnItsShareNotOnTimeSpentBeforeThePause() {
        GuardrailWatch watch = new GuardrailWatch(TWICE, Duration.ofSeconds(10), 0.25); // a quarter left: 2.5 s
        assertThat(watch.check(10, 0, 50, Duration.ofSeconds(4))).isEmpty();
        assertThat(watch.check(10, 0, 50, Duration.ofMillis(5_500))).get()
                .satisfies(b -> assertThat(b.description()).isEqualTo("running 2.2× the dry run's estimate for the"
                        + " 25% of records left when it resumed (2.5 s), above the limit of 2.0×"));
    }

    @Test
    void withoutADryRunOrWithNothingLeftTheDurationIsNotJudged() {
        assertThat(new GuardrailWatch(TWICE, null, 1).check(10, 0, 50, Duration.ofHours(1))).isEmpty();
        assertThat(new GuardrailWatch(TWICE, Duration.ofSeconds(10), 0).check(10, 0, 50, Duration.ofHours(1)))
                .isEmpty();
    }
}
