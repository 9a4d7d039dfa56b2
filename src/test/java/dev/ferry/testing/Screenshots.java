package dev.ferry.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Writes a PNG of the console's window to {@code target/screenshots/NAME.png}, for people to look at. */
public final class Screenshots {

    private Screenshots() {
    }

    public static Path write(FxRobot robot, String name) throws IOException {
        WaitForAsyncUtils.waitForFxEvents();
        Path png = Path.of("target", "screenshots", name + ".png");
        Files.createDirectories(png.getParent());
        WritableImage image;
        try {
            image = WaitForAsyncUtils.asyncFx(
                    () -> robot.listTargetWindows().get(0).getScene().snapshot(null)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IOException("Cannot take a snapshot of the window: " + e.getMessage(), e);
        }
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", png.toFile());
        return png;
    }
}
