package dev.ferry.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real CLI ({@code dev.ferry.app.Launcher}) in a child JVM, as an operator's shell would start it. */
public final class ChildFerry {

    /** What a finished child printed (stdout and stderr together) and its exit code. */
    public record Result(int code, String output) { }

    private ChildFerry() {
    }

    /** Starts the CLI with {@code args}; output goes to {@code output}. JVM options come first in {@code jvm}. */
    public static Process start(List<String> jvm, Path output, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBin(), "-cp", classPath()));
        command.addAll(jvm);
        command.add("dev.ferry.app.Launcher");
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    /** Runs the CLI to its end (at most two minutes). */
    public static Result run(List<String> jvm, String... args) throws Exception {
        Path out = Files.createTempFile("ferry-child", ".out");
        Process p = start(jvm, out, args);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("ferry " + String.join(" ", args) + " did not finish in 2 minutes");
        }
        return new Result(p.exitValue(), Files.readString(out));
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null ? cp : System.getProperty("java.class.path").replace(File.pathSeparator, File.pathSeparator);
    }
}
