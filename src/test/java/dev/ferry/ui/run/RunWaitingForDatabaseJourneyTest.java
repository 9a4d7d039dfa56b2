package dev.ferry.ui.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.ferry.demo.DemoDatabase;
import dev.ferry.demo.UserDataGenerator;
import dev.ferry.engine.RunState;
import dev.ferry.plan.BundledPlan;
import dev.ferry.service.ConnectionStatus;
import dev.ferry.service.ConsoleState;
import dev.ferry.service.LogEntry;
import dev.ferry.testing.ConsoleWindow;
import dev.ferry.testing.DemoSession;
import dev.ferry.testing.FxWait;
import dev.ferry.testing.Screenshots;
import dev.ferry.testing.TcpProxy;
import java.net.InetSocketAddress;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The database goes away in the middle of a console run: the dashboard says the run is waiting for the database (a
 * banner with the reason and what SplitEngine does, the state chip), the log keeps each wait, and when the database comes
 * back the run goes on by itself to completion.
 */
@ExtendWith(ApplicationExtension.class)
class RunWaitingForDatabaseJourneyTest {

    private static final int DOCS = 6_000;

    @RegisterExtension
    final ConsoleWindow window = ConsoleWindow.unconnected();

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private TcpProxy proxy;

    @BeforeEach
    void start() throws Exception {
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            client.getDatabase("waiting").getCollection(DemoDatabase.COLLECTION)
                    .insertMany(new UserDataGenerator(UserDataGenerator.DEFAULT_SEED).documents(0, DOCS));
        }
        proxy = new TcpProxy(address.getPort());
    }

    @AfterEach
    void close() throws Exception {
        proxy.close();
        server.shutdownNow();
    }

    @Test
    void theDashboardSaysTheRunWaitsForTheDatabaseAndTheRunGoesOnWhenItIsBack(FxRobot robot) throws Exception {
        robot.interact(() -> window.console().connections().connect("mongodb://127.0.0.1:" + proxy.port() + "/waiting",
                failure -> { }));
        FxWait.until(30, () -> window.session().connectionProperty().get() == ConnectionStatus.CONNECTED);
        // small batches, and no guardrails: an outage would trip the duration guardrail, which is not asked about here
        robot.interact(() -> window.session().planOpened(DemoSession.withoutGuardrails(BundledPlan.load())
                .withBatchSize(100)));
        robot.clickOn("#nav-run");
        robot.clickOn("#run-dry-run-first");
        FxWait.until(60, () -> window.session().state() == ConsoleState.READY);
        robot.clickOn("#run-start");
        FxWait.until(60, () -> window.console().runs().snapshotProperty().get().processed() >= 600);

        proxy.cut(); // the database goes away mid-run
        Label banner = robot.lookup("#run-waiting").queryAs(Label.class);
        FxWait.until(60, banner::isVisible);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(banner.getText()).startsWith("Waiting for the database: ").contains("Attempt ")
                .contains("goes on from its last checkpoint by itself");
        assertThat(robot.lookup("#run-state").queryLabeled().getText()).isEqualTo("waiting for the database");
        assertThat(robot.lookup("#run-stall").queryAs(Label.class).isVisible()).isFalse();
        Screenshots.write(robot, "run-waiting-for-database");

        proxy.restore(); // and comes back
        FxWait.until(180, () -> window.session().state() != ConsoleState.RUNNING);
        WaitForAsyncUtils.waitForFxEvents();
        var runs = window.console().runs();
        assertThat(runs.reportProperty().get()).as(runs.problemProperty().get() + " · state "
                + window.session().state() + " · log " + window.session().log()).isNotNull();
        assertThat(runs.reportProperty().get().state()).isEqualTo(RunState.COMPLETED);
        assertThat(runs.reportProperty().get().processed()).isEqualTo(DOCS);
        assertThat(banner.isVisible()).isFalse();
        assertThat(window.session().log()).extracting(LogEntry::message)
                .anySatisfy(m -> assertThat(m).startsWith("Waiting for the database (attempt 1"));
    }
}
