package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.RunControl;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CancelOnInterruptTest {

    @Test
    void ctrlCCancelsAndWaitsUntilTheVerbIsDone() throws Exception {
        RunControl control = new RunControl();
        StringWriter notes = new StringWriter();
        CancelOnInterrupt interrupt = CancelOnInterrupt.install(control, new PrintWriter(notes));
        Thread hook = new Thread(interrupt::interrupted);
        hook.start();
        // the hook cancels at once, then holds the shutdown while the engine finishes its batch
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (control.requested() != RunControl.Request.CANCEL && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(control.requested()).isEqualTo(RunControl.Request.CANCEL);
        assertThat(control.reason()).contains("Ctrl-C");
        hook.join(200);
        assertThat(hook.isAlive()).isTrue();

        interrupt.close(); // the engine returned and the report was printed
        hook.join(5_000);
        assertThat(hook.isAlive()).isFalse();
        assertThat(notes.toString()).contains("resumable");
    }
}
