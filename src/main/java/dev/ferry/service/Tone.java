package dev.ferry.service;

/**
 * The console's one colour language (CONSOLE.md), always shown with an icon and a word: green = done / validated,
 * blue = running, amber = pending / paused / sampled, red = failed / mismatched, grey = not run / unknown.
 */
public enum Tone {
    OK("tone-ok"), RUNNING("tone-running"), PENDING("tone-pending"), FAIL("tone-fail"), UNKNOWN("tone-unknown");

    private final String styleClass;

    Tone(String styleClass) {
        this.styleClass = styleClass;
    }

    /** The CSS class that colours a chip, a badge or a row in this tone. */
    public String styleClass() {
        return styleClass;
    }
}
