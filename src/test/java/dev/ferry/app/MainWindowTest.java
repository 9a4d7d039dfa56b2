package dev.ferry.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.api.FxRobot;

@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    @Start
    void start(Stage stage) {
        new FerryApp().start(stage);
    }

    @Test
    void opensTheMainWindowHeadless(FxRobot robot) throws Exception {
        assertThat(robot.lookup("#main-window").tryQuery()).isPresent();
        assertThat(robot.listTargetWindows()).isNotEmpty();
        Path png = Path.of("target", "screenshots", "main-window.png");
        Files.createDirectories(png.getParent());
        WritableImage image = WaitForAsyncUtils.asyncFx(
                () -> robot.lookup("#main-window").query().getScene().snapshot(null)).get();
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", png.toFile());
        assertThat(Files.size(png)).isPositive();
    }
}
