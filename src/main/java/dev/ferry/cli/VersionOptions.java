package dev.ferry.cli;

import dev.ferry.engine.set.Selection;
import dev.ferry.plan.MigrationSet;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** {@code --to V} or {@code --only V} (or neither: all), for {@code set up} and {@code set down}. */
final class VersionOptions {

    @ArgGroup(exclusive = true)
    Choice choice;

    static final class Choice {
        @Option(names = "--to", paramLabel = "V", description = "up: apply pending versions up to and including V;"
                + " down: roll back the versions newer than V (V stays applied; 0 = all)")
        String to;

        @Option(names = "--only", paramLabel = "V", description = "only version V (3, 003 or V003)")
        String only;
    }

    Selection selection() {
        if (choice == null) {
            return Selection.all();
        }
        return choice.to != null ? Selection.to(parse(choice.to, "--to")) : Selection.only(parse(choice.only, "--only"));
    }

    private static long parse(String text, String option) {
        try {
            return MigrationSet.parseVersion(text);
        } catch (IllegalArgumentException e) {
            throw new CliUsageException(option + ": " + e.getMessage() + ".");
        }
    }
}
