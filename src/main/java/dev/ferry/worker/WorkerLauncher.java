package dev.ferry.worker;

import dev.ferry.FerryException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts Ferry's own CLI as a worker process: the same {@code java} and class path as this process, {@code -D ferry.*}
 * settings passed on, the database addresses in its environment (never on its command line, where {@code ps} shows
 * them), its progress and log in a worker log, its {@code --json} result in a file beside it. It runs in a session of
 * its own, so neither closing this process nor Ctrl-C in the terminal that started it stops it.
 */
public final class WorkerLauncher {

    /** The settings of this process a worker gets too; the worker's own are set here. */
    private static final List<String> OWN = List.of("ferry.worker.log", "ferry.stderr.level", "ferry.demo.process",
            "ferry.demo.docs", "ferry.demo.heap", "ferry.worker");

    private WorkerLauncher() {
    }

    /** Whether this process can start workers (a trimmed runtime without a {@code java} command cannot). */
    public static boolean available() {
        return Files.isExecutable(java());
    }

    /**
     * Starts {@code ferry <args> --json} for {@code plan}'s {@code verb}.
     *
     * @param environment variables for the worker ({@code FERRY_URI}, …), added to this process's own
     */
    public static WorkerProcess start(String plan, String verb, List<String> args, Map<String, String> environment) {
        Path log;
        try {
            log = WorkerLogs.next(plan, verb);
        } catch (IOException e) {
            throw new FerryException("Cannot start a worker: its log folder " + WorkerLogs.dir() + " cannot be made ("
                    + e.getMessage() + "). Check that the folder is writable.", e);
        }
        Path result = log.resolveSibling(log.getFileName().toString().replaceFirst("\\.log$", ".json"));
        List<String> command = new ArrayList<>();
        prefix(command, "/usr/bin/setsid");
        String nice = System.getProperty("ferry.worker.nice");
        if (nice != null && Files.isExecutable(Path.of("/usr/bin/nice"))) {
            command.addAll(List.of("/usr/bin/nice", "-n", nice));
        }
        command.add(java().toString());
        String heap = System.getProperty("ferry.worker.heap");
        if (heap != null) {
            command.add("-Xmx" + heap);
        }
        String gc = System.getProperty("ferry.worker.gc");
        if (gc != null) {
            command.add("-XX:+Use" + gc);
        }
        System.getProperties().stringPropertyNames().stream().sorted()
                .filter(name -> name.startsWith("ferry.") && !OWN.contains(name))
                .forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
        command.add("-Dferry.worker.log=" + log);
        command.add("-Dferry.stderr.level=INFO");
        command.addAll(List.of("-cp", classPath(), "dev.ferry.app.Launcher"));
        command.addAll(args);
        if (!args.contains("--json")) {
            command.add("--json");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(result.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close(); // a worker never reads its input: confirmations come as --yes
            return new WorkerProcess(process, log, result);
        } catch (IOException e) {
            throw new FerryException("Cannot start a worker process (" + e.getMessage() + ").", e);
        }
    }

    private static void prefix(List<String> command, String tool) {
        if (Files.isExecutable(Path.of(tool))) {
            command.add(tool);
        }
    }

    private static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** This process's class path (the test runner's, which names the classes, when under one). */
    private static String classPath() {
        String tests = System.getProperty("surefire.test.class.path");
        return tests != null ? tests : System.getProperty("java.class.path").replace(File.pathSeparator,
                File.pathSeparator);
    }
}
