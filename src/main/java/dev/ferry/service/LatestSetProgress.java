package dev.ferry.service;

import dev.ferry.engine.set.Direction;
import dev.ferry.engine.set.SetEvent;
import dev.ferry.engine.set.SetListener;

/**
 * The latest state of a set run, kept from engine events on the engine's thread and read by a UI ticker: which
 * version of how many, which operation, how far through it. However fast events come, the UI paints at its pace.
 */
public final class LatestSetProgress implements SetListener {

    private volatile String text = "starting…";
    private volatile int index;
    private volatile int total;
    private volatile double stepFraction;

    @Override
    public void on(SetEvent event) {
        if (event instanceof SetEvent.VersionStarted s) {
            index = s.index();
            total = s.total();
            stepFraction = 0;
            text = (s.direction() == Direction.UP ? "Applying" : "Rolling back") + " V" + s.label() + " ("
                    + s.index() + " of " + s.total() + "): " + s.description();
        } else if (event instanceof SetEvent.StepStarted s) {
            stepFraction = s.steps() == 0 ? 0 : (double) Math.max(0, s.step() - 1) / s.steps();
        } else if (event instanceof SetEvent.VersionFinished f) {
            stepFraction = 1;
            text = "V" + f.result().label() + " " + f.result().status().replace('_', ' ');
        }
    }

    public String text() {
        return text;
    }

    /** 0..1 over the whole run, or -1 before the first version starts. */
    public double fraction() {
        return total == 0 ? -1 : Math.min(1.0, (index - 1 + stepFraction) / total);
    }
}
