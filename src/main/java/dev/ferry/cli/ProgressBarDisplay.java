package dev.ferry.cli;

import dev.ferry.engine.RunEvent;
import dev.ferry.format.HumanFormat;
import dev.ferry.plan.PlanKind;
import java.io.PrintWriter;
import java.text.DecimalFormat;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/** A terminal progress bar (me.tongfei progressbar) driven by the engine's batch and undo events. */
final class ProgressBarDisplay implements CliProgress {

    private String partitionsShape = "";
    private final PrintWriter out;
    private final EngineJob job;
    private final PlanKind kind;
    private ProgressBar bar;
    private final WriterConsumer consumer;
    private long position;

    ProgressBarDisplay(PrintWriter out, EngineJob job, PlanKind kind) {
        this.out = out;
        this.job = job;
        this.kind = kind;
        this.consumer = new WriterConsumer(out);
    }

    @Override
    public synchronized void on(RunEvent event) {
        if (event instanceof RunEvent.Started s) {
            line(EventLines.started(job, kind, s));
            position = Math.max(0, s.alreadyProcessed());
        } else if (event instanceof RunEvent.BatchDone b) {
            show(b.processed(), b.total());
            bar.setExtraMessage(" · " + job.quarantineWord + " " + HumanFormat.count(b.quarantined()));
        } else if (event instanceof RunEvent.UndoProgress u) {
            show(u.done(), u.total());
        } else if (event instanceof RunEvent.StateChanged c) {
            String text = EventLines.stateChanged(job, c);
            if (text != null) {
                line(text);
            }
        } else if (event instanceof RunEvent.WaitingForDatabase w) {
            line(EventLines.waiting(w));
        } else if (event instanceof RunEvent.GuardrailBreached g) {
            line(EventLines.breached(g));
        } else if (event instanceof RunEvent.WorkerGone w) {
            line(EventLines.workerGone(w));
        } else if (event instanceof RunEvent.SettingsChanged c) {
            line(EventLines.settings(c));
        } else if (event instanceof RunEvent.Throttled t) {
            line(EventLines.throttled(t));
        } else if (event instanceof RunEvent.PartitionsProgress p
                && !EventLines.partitionsShape(p).equals(partitionsShape)) {
            partitionsShape = EventLines.partitionsShape(p); // a line when a range changes state, not at each batch
            line(EventLines.partitions(p));
        }
    }

    private void show(long done, long total) {
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName(job.task).setInitialMax(total)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setUnit(" " + kind.unit(), 1).showSpeed(new DecimalFormat("#,##0"))
                    .startsFrom(position, Duration.ZERO)
                    .setConsumer(consumer)
                    .build();
        }
        bar.maxHint(total);
        bar.stepTo(done);
        position = done;
    }

    /**
     * A line of text: the bar is finished first (its last state stays on screen, its line ended), and a new bar
     * starts from the same position at the next progress, so the text is neither mixed into the bar's line nor
     * followed by a stale copy of it.
     */
    private void line(String text) {
        finishBar();
        out.println(text);
        out.flush();
    }

    @Override
    public synchronized void close() {
        finishBar();
        out.flush();
    }

    private void finishBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        consumer.endLine();
    }

    /** Renders the bar on the terminal's writer, redrawing its line in place. */
    private static final class WriterConsumer implements ProgressBarConsumer {
        private final PrintWriter out;
        private boolean lineOpen;

        WriterConsumer(PrintWriter out) {
            this.out = out;
        }

        @Override
        public int getMaxRenderedLength() {
            return 100;
        }

        @Override
        public synchronized void accept(String rendered) {
            out.print('\r');
            out.print(rendered);
            out.flush();
            lineOpen = true;
        }

        @Override
        public void close() {
            endLine();
        }

        /**
         * Ends the bar's line if it is still open. The library does not always call {@link #close()}: a bar closed
         * before its first scheduled refresh renders once and leaves the line open.
         */
        synchronized void endLine() {
            if (lineOpen) {
                out.println();
                out.flush();
                lineOpen = false;
            }
        }
    }
}
