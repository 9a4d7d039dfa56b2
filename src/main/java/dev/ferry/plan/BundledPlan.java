package dev.ferry.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Runbook 000's split, built into Ferry (plans/ is on the class path): the console's demo and the benchmark run it. */
public final class BundledPlan {

    /** Where the plan is on the class path. */
    public static final String RESOURCE = "/plans/user-data-split.yaml";

    private BundledPlan() {
    }

    public static Plan load() {
        try (InputStream in = BundledPlan.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the built-in plan " + RESOURCE + " is missing from the build");
            }
            return PlanLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "user-data-split.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException("the built-in plan " + RESOURCE + " cannot be read", e);
        }
    }
}
