package dev.ferry.ui.migrations;

import dev.ferry.engine.connect.Engines;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import dev.ferry.demo.EarlybirdDataset;
import dev.ferry.service.FxTaskExecutor;
import dev.ferry.service.MigrationSetService;
import dev.ferry.service.Session;
import dev.ferry.testing.FxWait;
import dev.ferry.testing.InProcessMongo;
import dev.ferry.testing.Screenshots;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Migrations screen mounted alone, with real clicks: run all, confirm, roll back one after typing the name. */
@ExtendWith(ApplicationExtension.class)
class MigrationsViewTest {

    private InProcessMongo mongo;
    private Session session;
    private FxTaskExecutor executor;
    private MigrationsViewModel model;

    @Start
    void start(Stage stage) {
        mongo = new InProcessMongo();
        EarlybirdDataset.seed(mongo.database("earlybird"), 300, 2);
        session = new Session();
        session.connected(Engines.connect(mongo.uri("earlybird")), mongo.uri("earlybird"));
        executor = new FxTaskExecutor();
        model = new MigrationsViewModel(new MigrationSetService(executor, session), executor);
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        Scene scene = new Scene(new MigrationsView(model).root(), 1180, 520);
        scene.getStylesheets().addAll(MigrationsViewTest.class.getResource("/css/tokens.css").toExternalForm(),
                MigrationsViewTest.class.getResource("/css/app.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() {
        executor.close();
        session.engine().close();
        mongo.close();
    }

    @Test
    void runAllAndRollBackOneWithClicks(FxRobot robot) throws Exception {
        robot.interact(() -> model.open(Path.of("sets", "earlybird")));
        FxWait.until(20, () -> model.rows().size() == 5);
        assertThat(robot.lookup("#migrations-confirm").query().isVisible()).isFalse();

        robot.clickOn("#migrations-run-all");
        assertThat(robot.lookup("#migrations-question").queryLabeled().getText())
                .startsWith("Apply every pending version of earlybird");
        robot.clickOn("#migrations-confirm-button");
        FxWait.until(60, () -> !model.runningProperty().get()
                && model.rows().stream().allMatch(r -> r.badge().equals("completed")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#migrations-progress-text").queryLabeled().getText())
                .isEqualTo("Applied 5 versions of earlybird.");
        Screenshots.write(robot, "migrations-applied");

        TableView<?> table = robot.lookup("#migrations-versions").queryTableView();
        robot.interact(() -> table.getSelectionModel().select(2));
        robot.clickOn("#migrations-rollback-one");
        assertThat(robot.lookup("#migrations-confirm-button").queryButton().isDisabled()).isTrue();
        robot.clickOn("#migrations-typed").write("earlybird");
        assertThat(robot.lookup("#migrations-confirm-button").queryButton().isDisabled()).isFalse();
        Screenshots.write(robot, "migrations-confirm");
        robot.clickOn("#migrations-confirm-button");
        FxWait.until(30, () -> !model.runningProperty().get()
                && model.rows().get(2).badge().equals("rolled back"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(FxWait.read(() -> model.rows().get(3).badge())).isEqualTo("completed");
        Screenshots.write(robot, "migrations");
    }
}
