package dev.ferry.cli;

import picocli.CommandLine.Option;

/** How a verb reports: for a person, or as JSON for a script; with stack traces or without. */
final class OutputOptions {

    @Option(names = "--json", description = "print the result as JSON on standard out (progress goes to standard err)")
    boolean json;

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;
}
