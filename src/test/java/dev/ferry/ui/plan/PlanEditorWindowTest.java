package dev.ferry.ui.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.plan.PlanError;
import dev.ferry.service.ConnectionStatus;
import dev.ferry.testing.ConsoleWindow;
import dev.ferry.testing.FxWait;
import dev.ferry.testing.Screenshots;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.TabPane;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The plan editor in the console's window, with real clicks and keys on the demo database: a rule typed with a
 * misspelling is marked at its line, fixed it shows in the preview, a rule added from the sample's tree lands under
 * its target, and closing with unsaved text asks first (and Save writes the text with every comment kept).
 */
@ExtendWith(ApplicationExtension.class)
class PlanEditorWindowTest {

    private static final String USER_ID_RULE = "      user_id: { from: user_id }";

    private static Path home;

    @RegisterExtension
    final ConsoleWindow window = ConsoleWindow.onDemo(300);

    @BeforeAll
    static void ferryHome() throws IOException {
        home = Files.createTempDirectory("ferry-home");
        System.setProperty("ferry.home", home.toString()); // recent plans and drafts go here, not to ~/.ferry
    }

    @AfterAll
    static void noFerryHome() {
        System.clearProperty("ferry.home");
    }

    @Test
    void typeFixAddARuleFromTheTreeAndCloseWithUnsavedText(FxRobot robot) throws Exception {
        FxWait.until(60, () -> window.session().connectionProperty().get() == ConnectionStatus.CONNECTED
                && window.session().plan() != null);
        String original = Files.readString(Path.of("plans", "user-data-split.yaml"), StandardCharsets.UTF_8);
        Path plan = home.resolve("split.yaml");
        Files.writeString(plan, original, StandardCharsets.UTF_8);
        Files.writeString(home.resolve("recent-plans.txt"), plan.toAbsolutePath() + "\n");
        robot.interact(() -> resize(robot, 1280, 800));

        robot.clickOn("#nav-plan");
        robot.clickOn("#plan-recent");
        robot.clickOn(plan.toAbsolutePath().toString());
        PlanEditorViewModel editor = window.console().planEditor();
        FxWait.until(30, () -> editor.documentProperty().get() != null
                && plan.equals(editor.documentProperty().get().file()));
        FxWait.until(60, () -> robot.lookup("#plan-position").queryLabeled().getText().startsWith("sample 1"));
        CodeArea area = robot.lookup("#plan-code").query();
        assertThat(FxWait.read(() -> area.getText())).isEqualTo(original);

        // a new rule typed after user_id's, with "from" misspelt
        int userIdLine = lineOf(original, USER_ID_RULE);
        robot.clickOn(area);
        robot.interact(() -> area.moveTo(userIdLine - 1, area.getParagraphLength(userIdLine - 1)));
        robot.type(KeyCode.ENTER);
        robot.write("renamed: { form: filename }");
        int typoLine = userIdLine + 1;
        // errors come once typing pauses (a pause mid-word may show a passing syntax error first)
        FxWait.until(10, () -> editor.errors().stream().anyMatch(e -> e.message().contains("'form'")));
        assertThat(FxWait.read(() -> area.getParagraph(typoLine - 1).getText()))
                .isEqualTo("      renamed: { form: filename }");
        assertThat(FxWait.read(() -> List.copyOf(editor.errors()))).anySatisfy(e -> {
            assertThat(e.line()).isEqualTo(typoLine);
            assertThat(e.message()).contains("form");
        });
        FxWait.until(10, () -> robot.lookup("#plan-lint-marker-" + typoLine).tryQuery().isPresent());
        assertThat(robot.lookup("#plan-lint-marker-" + typoLine).query().isVisible()).isTrue();
        ListView<PlanError> lint = robot.lookup("#plan-lint").queryListView();
        assertThat(FxWait.read(() -> lint.isVisible() && lint.getItems().get(0).line() == typoLine)).isTrue();
        assertThat(targetJson(robot)).doesNotContain("\"renamed\"");
        Screenshots.write(robot, "plan-editor-error");

        // fixed: "form" → "from", and the preview maps the new rule
        robot.interact(() -> area.moveTo(typoLine - 1, "      renamed: { form".length()));
        robot.type(KeyCode.BACK_SPACE, 3);
        robot.write("rom");
        FxWait.until(10, () -> editor.errors().isEmpty());
        FxWait.until(30, () -> targetJson(robot).contains("\"renamed\""));
        assertThat(robot.lookup("#plan-lint-marker-" + typoLine).tryQuery()).isEmpty();
        assertThat(robot.lookup("#plan-editor-status").queryLabeled().getText()).contains("Unsaved");

        // a rule from the sample's tree: file_path, as stored_at, into dataset_metadata
        robot.clickOn("Source fields");
        robot.clickOn("file_path");
        assertThat(robot.lookup("#plan-rule-field").queryTextInputControl().getText()).isEqualTo("file_path");
        robot.doubleClickOn("#plan-rule-field").eraseText(12).write("stored_at");
        assertThat(robot.lookup("#plan-rule-target").queryComboBox().getValue()).isEqualTo("dataset_metadata");
        robot.clickOn("#plan-add-rule");
        FxWait.until(10, () -> area.getText().contains("      stored_at: { from: file_path }\n"));
        FxWait.until(30, () -> targetJson(robot).contains("\"stored_at\""));
        assertThat(robot.lookup("#plan-picked").queryLabeled().getText()).as("the pick stays picked")
                .isEqualTo("from: file_path");
        Screenshots.write(robot, "plan-editor-rule-added");

        // the keyboard's undo takes the rule back out, redo puts it in again
        robot.clickOn(area);
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        FxWait.until(10, () -> !area.getText().contains("stored_at"));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.Z).release(KeyCode.SHIFT, KeyCode.CONTROL);
        FxWait.until(10, () -> area.getText().contains("      stored_at: { from: file_path }\n"));

        // Tab indents with spaces (YAML refuses tabs); undone like any change
        int storedAt = lineOf(FxWait.read(() -> area.getText()), "      stored_at:");
        robot.interact(() -> area.moveTo(storedAt - 1, area.getParagraphLength(storedAt - 1)));
        robot.type(KeyCode.TAB);
        FxWait.until(10, () -> area.getParagraph(storedAt - 1).getText().endsWith("}  "));
        assertThat(FxWait.read(() -> area.getText())).doesNotContain("\t");
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        FxWait.until(10, () -> area.getParagraph(storedAt - 1).getText().endsWith("file_path }"));

        robot.clickOn("#theme-toggle");
        Screenshots.write(robot, "plan-editor-dark");
        robot.clickOn("#theme-toggle");

        // closing asks; Cancel keeps the window and the text (and its draft on disk)
        Stage stage = (Stage) area.getScene().getWindow();
        Platform.runLater(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        FxWait.until(10, () -> robot.lookup("#close-unsaved").tryQuery().isPresent());
        assertThat(robot.lookup("#close-unsaved .content").queryLabeled().getText()).contains("split.yaml");
        robot.clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.isShowing()).isTrue();
        assertThat(Files.readString(plan)).isEqualTo(original);
        assertThat(home.resolve("drafts")).isDirectoryContaining(p -> p.toString().endsWith(".draft"));

        // Save writes the text as it is: the two new lines, and every other byte as it was
        Platform.runLater(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        FxWait.until(10, () -> robot.lookup("#close-unsaved").tryQuery().isPresent());
        // the question's Save, not the editor's button of the same name behind it
        robot.clickOn(robot.lookup("#close-unsaved .button").queryAllAs(javafx.scene.control.Button.class).stream()
                .filter(b -> "Save".equals(b.getText())).findFirst().orElseThrow());
        FxWait.until(10, () -> !stage.isShowing());
        String saved = Files.readString(plan, StandardCharsets.UTF_8);
        assertThat(saved.replace("      renamed: { from: filename }\n", "")
                .replace("      stored_at: { from: file_path }\n", "")).isEqualTo(original);
        assertThat(home.resolve("drafts")).isDirectoryNotContaining(p -> p.toString().endsWith(".draft"));
    }

    private static String targetJson(FxRobot robot) {
        return FxWait.read(() -> {
            TabPane tabs = robot.lookup("#plan-targets").query();
            Node content = tabs.getTabs().get(0).getContent();
            return ((javafx.scene.Parent) content).getChildrenUnmodifiable().stream()
                    .filter(n -> n instanceof javafx.scene.control.TextArea).map(n -> ((javafx.scene.control.TextArea) n)
                            .getText()).findFirst().orElse("");
        });
    }

    private static void resize(FxRobot robot, double width, double height) {
        Window stage = robot.listTargetWindows().get(0);
        stage.setWidth(width);
        stage.setHeight(height);
    }

    private static int lineOf(String text, String needle) {
        return (int) text.substring(0, text.indexOf(needle)).chars().filter(c -> c == '\n').count() + 1;
    }
}
