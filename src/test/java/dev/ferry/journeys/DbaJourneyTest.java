package dev.ferry.journeys;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.RunReport;
import dev.ferry.service.ConnectionStatus;
import dev.ferry.service.ConsoleState;
import dev.ferry.testing.ConsoleWindow;
import dev.ferry.testing.FxWait;
import dev.ferry.testing.Screenshots;
import dev.ferry.ui.validation.CheckRow;
import javafx.application.Platform;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The DBA: validate all → open a check's evidence → corrupt one target document → the check fails, field by field. */
@ExtendWith(ApplicationExtension.class)
class DbaJourneyTest {

    @RegisterExtension
    final ConsoleWindow window = ConsoleWindow.onDemo(3_000);

    @Test
    void validateAllThenFindTheCorruptedDocument(FxRobot robot) throws Exception {
        FxWait.until(60, () -> window.session().connectionProperty().get() == ConnectionStatus.CONNECTED
                        && window.session().plan() != null);
        // the migration lead has run the plan (their journey is tested on its own)
        RunReport run = window.session().engine().run(window.session().plan(), new RunControl(), RunListener.NONE);
        WaitForAsyncUtils.asyncFx(() -> window.session().moveTo(ConsoleState.of(run.state()))).get();

        robot.clickOn("#nav-validation");
        robot.clickOn("#validation-run-all");
        FxWait.until(120, () -> window.session().state() == ConsoleState.VALIDATED);
        TableView<CheckRow> checks = robot.lookup("#validation-checks").queryTableView();
        assertThat(checks.getItems()).extracting(CheckRow::status).containsOnly("passed");
        assertThat(robot.lookup("#validation-verdict").queryLabeled().getText()).startsWith(
                checks.getItems().size() + " passed · 0 mismatched");

        robot.clickOn(row(robot, checks.getItems().get(0)));
        ListView<String> evidence = robot.lookup("#validation-evidence").queryListView();
        assertThat(evidence.getItems()).isNotEmpty();
        Screenshots.write(robot, "validation-passed");

        String uri = window.console().connections().demoUri();
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> target = client.getDatabase("narrative_modeling").getCollection("dataset_metadata");
            Document victim = target.find().sort(new Document("_id", 1)).first();
            target.updateOne(eq("_id", victim.get("_id")), set("num_rows", -1));
        }

        int checksumRow = indexOf(checks, "checksum");
        robot.interact(() -> checks.scrollTo(checksumRow));
        robot.clickOn(row(robot, checks.getItems().get(checksumRow)));
        assertThat(checks.getSelectionModel().getSelectedIndex()).isEqualTo(checksumRow);
        robot.clickOn("#validation-rerun");
        FxWait.until(120, () -> !window.session().state().busy());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.session().state()).isEqualTo(ConsoleState.MISMATCHED);
        assertThat(checks.getItems().get(checksumRow).status()).isEqualTo("mismatched");

        ListView<String> keys = robot.lookup("#validation-failing-keys").queryListView();
        FxWait.until(10, () -> keys.getItems().size() == 1);
        String failingKey = keys.getItems().get(0);
        FxWait.until(20, () -> robot.lookup(".list-cell")
                .match((javafx.scene.control.ListCell<?> c) -> failingKey.equals(c.getItem())).tryQuery().isPresent());
        robot.clickOn(robot.lookup(".list-cell").match((javafx.scene.control.ListCell<?> c) -> failingKey.equals(c.getItem()))
                .queryAs(javafx.scene.Node.class));
        FxWait.until(30, () -> robot.lookup(".diff-line").tryQuery().isPresent());
        assertThat(robot.lookup(".diff-line").queryLabeled().getText()).contains("num_rows").contains("-1");
        Screenshots.write(robot, "validation-mismatch");
    }

    /** The table row showing {@code item}. */
    static javafx.scene.Node row(FxRobot robot, Object item) throws java.util.concurrent.TimeoutException {
        // on a loaded machine the row may not be drawn yet when the results arrive: wait for it, then click
        FxWait.until(20, () -> robot.lookup(".table-row-cell")
                .match((javafx.scene.control.TableRow<?> r) -> r.getItem() == item).tryQuery().isPresent());
        return robot.lookup(".table-row-cell")
                .match((javafx.scene.control.TableRow<?> r) -> r.getItem() == item)
                .queryAs(javafx.scene.Node.class);
    }

    private static int indexOf(TableView<CheckRow> checks, String method) {
        for (int i = 0; i < checks.getItems().size(); i++) {
            if (checks.getItems().get(i).method().equals(method)) {
                return i;
            }
        }
        throw new AssertionError("no " + method + " check in " + checks.getItems());
    }
}
