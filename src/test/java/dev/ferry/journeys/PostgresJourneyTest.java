package dev.ferry.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.RunSummary;
import dev.ferry.engine.postgres.Runbook002Schema;
import dev.ferry.profile.ConnectionProfile;
import dev.ferry.service.ConnectionStatus;
import dev.ferry.service.ConsoleState;
import dev.ferry.testing.ConsoleWindow;
import dev.ferry.testing.FxWait;
import dev.ferry.testing.Screenshots;
import dev.ferry.testing.TestPostgres;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Runbook 002 in the console on a real PostgreSQL, with real clicks: a PostgreSQL connection from the form, the
 * tables assessed, the plan's rows beside their uuid, a dry run that a value that is not a UUID blocks, the fix, the
 * run, the engine's checks, the history, and the rollback by typed name, after which every table is as it was.
 * Writes pg-NN-screen.png to target/screenshots/ for people to look at.
 */
@ExtendWith(ApplicationExtension.class)
class PostgresJourneyTest {

    @RegisterExtension
    final ConsoleWindow window = ConsoleWindow.unconnected();

    @Test
    void theOnCallEngineerConvertsTheKeysAndRollsThemBack(FxRobot robot) throws Exception {
        String url = TestPostgres.freshDatabase("journey_uuid");
        Runbook002Schema.create(url, 400, 2);
        Runbook002Schema.execute(url, "INSERT INTO users (id, email) VALUES ('{not-a-uuid}', 'bad@example.com')");
        String database = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?') < 0 ? url.length() : url.indexOf('?'));

        robot.clickOn("#nav-connections");
        robot.clickOn("#connections-new");
        @SuppressWarnings("unchecked")
        ChoiceBox<ConnectionProfile.Kind> kind = robot.lookup("#connection-kind").queryAs(ChoiceBox.class);
        robot.interact(() -> kind.setValue(ConnectionProfile.Kind.POSTGRESQL));
        robot.clickOn("#connection-name").write("earlybird-pg");
        robot.interact(() -> {
            robot.lookup("#connection-host").queryTextInputControl().setText("localhost");
            robot.lookup("#connection-port").queryTextInputControl().setText(String.valueOf(TestPostgres.port()));
        });
        robot.clickOn("#connection-database").write(database);
        robot.clickOn("#connection-user").write("postgres");
        robot.clickOn("#connection-connect");
        FxWait.until(60, () -> window.session().connectionProperty().get() == ConnectionStatus.CONNECTED);
        assertThat(window.session().engine().kind()).isEqualTo("PostgreSQL");
        Screenshots.write(robot, "pg-01-connections");

        robot.interact(() -> window.console().plans().open(Path.of("plans", "users-uuid.yaml"), e -> {
            throw new AssertionError(e.getMessage());
        }));
        FxWait.until(30, () -> window.session().plan() != null);

        robot.clickOn("#nav-assessment");
        robot.clickOn("#assessment-analyse");
        TableView<?> fields = robot.lookup("#assessment-fields").queryTableView();
        FxWait.until(60, () -> !fields.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#assessment-keys").queryLabeled().getText()).contains("referenced by");
        Screenshots.write(robot, "pg-02-assessment");

        robot.clickOn("#nav-plan");
        FxWait.until(60, () -> robot.lookup("#plan-position").queryLabeled().getText().startsWith("sample 1"));
        Screenshots.write(robot, "pg-03-plan");

        robot.clickOn("#nav-dry-run");
        robot.clickOn("#dry-run-start");
        FxWait.until(60, () -> window.session().dryRunProperty().get() != null
                && window.session().state() == ConsoleState.DRAFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#dry-run-blockers").queryLabeled().getText()).contains("not UUIDs");
        assertThat(robot.lookup("#dry-run-next").queryAs(Button.class).isDisabled()).isTrue();
        Screenshots.write(robot, "pg-04-dry-run-blocked");

        Runbook002Schema.execute(url, "DELETE FROM users WHERE email = 'bad@example.com'");
        Map<String, String> before = Runbook002Schema.checksums(url);
        robot.clickOn("#dry-run-start");
        FxWait.until(60, () -> window.session().state() == ConsoleState.READY);
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.write(robot, "pg-05-dry-run");

        robot.clickOn("#dry-run-next");
        robot.clickOn("#run-start");
        FxWait.until(120, () -> window.session().state() == ConsoleState.COMPLETED);
        WaitForAsyncUtils.sleep(600, TimeUnit.MILLISECONDS); // the last coalesced tick paints the charts
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Runbook002Schema.scalar(url, "SELECT data_type FROM information_schema.columns WHERE"
                + " table_schema = 'public' AND table_name = 'users' AND column_name = 'id'")).isEqualTo("uuid");
        Screenshots.write(robot, "pg-06-run");

        robot.clickOn("#nav-validation");
        robot.clickOn("#validation-run-all");
        FxWait.until(60, () -> window.session().state() == ConsoleState.VALIDATED);
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.write(robot, "pg-07-validation");

        robot.clickOn("#nav-history");
        TableView<?> history = robot.lookup("#history-table").queryTableView();
        FxWait.until(30, () -> !history.getItems().isEmpty());
        // the validation just run is journalled on the run: its verdict is in the row and the details
        FxWait.until(30, () -> robot.lookup("#history-details").queryLabeled().getText().matches("(?s).*\\nValidated"
                + " \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d: \\d+ passed\\n.*"));
        assertThat(FxWait.read(() -> ((RunSummary) history.getItems().get(0)).validation().ok())).isTrue();
        Screenshots.write(robot, "pg-08-history");

        robot.clickOn("#nav-rollback");
        FxWait.until(30, () -> !robot.lookup("#rollback-summary").queryLabeled().getText().isEmpty());
        robot.clickOn("#rollback-typed").write("users-uuid");
        robot.clickOn("#rollback-confirm");
        FxWait.until(60, () -> window.session().state() == ConsoleState.ROLLED_BACK);
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.write(robot, "pg-09-rollback");
        assertThat(Runbook002Schema.checksums(url)).isEqualTo(before);
    }
}
