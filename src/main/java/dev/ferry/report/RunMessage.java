package dev.ferry.report;

import java.util.Locale;

/** The four messages of runbook 000's communication plan, each a template file an operator can edit. */
public enum RunMessage {
    ANNOUNCE, STATUS, COMPLETE, ROLLBACK;

    /** The template's file name: "announce.txt". */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT) + ".txt";
    }

    public static RunMessage parse(String text) {
        for (RunMessage m : values()) {
            if (m.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return m;
            }
        }
        throw new IllegalArgumentException("Unknown message '" + text + "': use announce, status, complete or"
                + " rollback.");
    }
}
