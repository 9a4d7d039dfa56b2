package dev.ferry.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Runbook 000's split, built into Ferry (plans/ is on the class path): the console's demo and the benchmark run it. */
public final class BundledPlan {

    /** Where the plan is on the class path. */
    public static final String RESOURCE = "/plans/user-data-split.yaml";

    /** The name it goes by (its plan's file, and the file its errors name). */
    public static final String FILE_NAME = "user-data-split.yaml";

    private BundledPlan() {
    }

    public static Plan load() {
        return PlanLoader.parse(text(), FILE_NAME);
    }

    /** The plan's text, comments and all (what the console's editor opens for the built-in plan). */
    public static String text() {
        try (InputStream in = BundledPlan.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the built-in plan " + RESOURCE + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the built-in plan " + RESOURCE + " cannot be read", e);
        }
    }
}
