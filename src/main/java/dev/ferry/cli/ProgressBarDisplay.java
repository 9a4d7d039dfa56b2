package dev.ferry.cli;

import dev.ferry.engine.RunEvent;
import java.io.PrintWriter;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/** A terminal progress bar (me.tongfei progressbar) driven by the engine's batch and undo events. */
final class ProgressBarDisplay implements CliProgress {

    private final PrintWriter out;
    private final EngineJob job;
    private ProgressBar bar;

    ProgressBarDisplay(PrintWriter out, EngineJob job) {
        this.out = out;
        this.job = job;
    }

    @Override
    public synchronized void on(RunEvent event) {
        if (event instanceof RunEvent.Started s) {
            line(EventLines.started(job, s));
            open(s.total(), s.alreadyProcessed());
        } else if (event instanceof RunEvent.BatchDone b) {
            open(b.total(), 0);
            bar.maxHint(b.total());
            bar.stepTo(b.processed());
            bar.setExtraMessage("quarantined " + HumanFormat.count(b.quarantined()));
        } else if (event instanceof RunEvent.UndoProgress u) {
            open(u.total(), 0);
            bar.maxHint(u.total());
            bar.stepTo(u.done());
        } else if (event instanceof RunEvent.StateChanged c) {
            String text = EventLines.stateChanged(job, c);
            if (text != null) {
                line(text);
            }
        } else if (event instanceof RunEvent.GuardrailBreached g) {
            line(EventLines.breached(g));
        }
    }

    private void open(long total, long from) {
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName(job.task).setInitialMax(total)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setUnit(" docs", 1).showSpeed()
                    .startsFrom(Math.max(0, from), Duration.ZERO)
                    .setConsumer(new WriterConsumer(out))
                    .build();
        }
    }

    /** A line above the bar: end the bar's line first so the text does not mix with it. */
    private void line(String text) {
        if (bar != null) {
            bar.refresh();
            out.println();
        }
        out.println(text);
        out.flush();
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        out.flush();
    }

    /** Renders the bar on the terminal's writer, redrawing its line in place. */
    private static final class WriterConsumer implements ProgressBarConsumer {
        private final PrintWriter out;

        WriterConsumer(PrintWriter out) {
            this.out = out;
        }

        @Override
        public int getMaxRenderedLength() {
            return 100;
        }

        @Override
        public void accept(String rendered) {
            out.print('\r');
            out.print(rendered);
            out.flush();
        }

        @Override
        public void close() {
            out.println();
            out.flush();
        }
    }
}
