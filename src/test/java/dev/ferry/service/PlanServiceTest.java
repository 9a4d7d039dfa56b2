package dev.ferry.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunListener;
import dev.ferry.testing.ConsoleFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanServiceTest {

    @Test
    void aPlanOpensInTheStateOfItsLatestRunInTheJournal(@TempDir Path dir) {
        try (ConsoleFixture f = new ConsoleFixture(300)) {
            PlanService plans = new PlanService(f.executor, f.session, new RecentPlans(dir.resolve("recent.txt")));
            plans.openBundled(errors -> { throw new AssertionError(errors.getMessage()); });
            assertThat(f.session.state()).isEqualTo(ConsoleState.DRAFT); // never run here

            f.session.engine().run(f.session.plan(), new RunControl(), RunListener.NONE);
            plans.openBundled(errors -> { throw new AssertionError(errors.getMessage()); });
            assertThat(f.session.state()).isEqualTo(ConsoleState.COMPLETED);
            assertThat(f.session.whyNot(Action.VALIDATE)).isNull();
            assertThat(f.session.whyNot(Action.ROLLBACK)).isNull();
        }
    }
}
