package dev.ferry.spark;

import dev.ferry.FerryException;
import dev.ferry.profile.FerryHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.launcher.SparkAppHandle;
import org.apache.spark.launcher.SparkLauncher;

/**
 * One Ferry verb submitted to Spark through {@link SparkLauncher} (a child {@code spark-submit}, local mode
 * included) and watched to its end. The connection strings go to the driver in its environment, never on a command
 * line; the driver's output goes to a log file under {@code ~/.ferry/logs/spark}.
 */
public final class SparkSubmission {

    /** The driver's main class, in {@code ferry-spark.jar}. */
    public static final String DRIVER = "dev.ferry.spark.app.FerrySparkApp";
    /** What the driver logs once its UI is up: this, then the address. */
    public static final String UI_LINE = "ferry-spark ui ";
    static final String URI_ENV = "FERRY_URI";
    static final String OTHER_URI_ENV = "FERRY_OTHER_URI";

    /** How the application ended: Spark's id for it, its final state, its UI while it ran, its log. */
    public record Outcome(String appId, String state, boolean finished, String uiAddress, Path log) { }

    private final SparkSettings settings;

    public SparkSubmission(SparkSettings settings) {
        this.settings = settings;
    }

    /**
     * Submits {@code verb} on {@code plan} and waits for the application's end; {@code notes} hears its id and UI
     * address once known. {@code args} follow the verb (partitions, batch size, run id, …).
     */
    public Outcome run(SparkVerb verb, Path plan, String uri, String otherUri, List<String> args,
                       Consumer<String> notes) {
        Path log = logFile(verb);
        Map<String, String> env = new HashMap<>();
        env.put(URI_ENV, uri);
        if (otherUri != null) {
            env.put(OTHER_URI_ENV, otherUri);
        }
        env.put("JAVA_HOME", System.getProperty("java.home"));
        SparkLauncher launcher = new SparkLauncher(env)
                .setSparkHome(settings.sparkHome().toString())
                .setAppResource(settings.appJar().toString())
                .setMainClass(DRIVER)
                .setMaster(settings.submittedMaster())
                .setAppName("ferry " + verb.arg() + " " + plan.getFileName())
                .addFile(plan.toAbsolutePath().toString())
                .setConf("spark.speculation", "false")
                .redirectOutput(log.toFile())
                .redirectError();
        String jvm = jvmOptions();
        if (!jvm.isEmpty()) {
            launcher.setConf(SparkLauncher.DRIVER_EXTRA_JAVA_OPTIONS, jvm);
            launcher.setConf(SparkLauncher.EXECUTOR_EXTRA_JAVA_OPTIONS, jvm);
        }
        settings.conf().forEach(launcher::setConf);
        List<String> appArgs = new ArrayList<>(List.of(verb.arg(), plan.getFileName().toString()));
        appArgs.addAll(args);
        launcher.addAppArgs(appArgs.toArray(String[]::new));
        SparkAppHandle handle;
        try {
            handle = launcher.startApplication();
        } catch (IOException e) {
            throw new FerryException("Could not start spark-submit from " + settings.sparkHome() + ": "
                    + e.getMessage() + ". Check --spark-home.", e);
        }
        return watch(handle, log, notes);
    }

    private Outcome watch(SparkAppHandle handle, Path log, Consumer<String> notes) {
        String appId = null;
        String ui = null;
        try {
            while (!handle.getState().isFinal()) {
                if (appId == null && handle.getAppId() != null) {
                    appId = handle.getAppId();
                    notes.accept("Spark application " + appId + " (log: " + log + ")");
                }
                if (ui == null) {
                    ui = uiAddress(log);
                    if (ui != null) {
                        notes.accept("Spark UI " + ui);
                    }
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            handle.kill();
            Thread.currentThread().interrupt();
            throw new FerryException("Interrupted: the Spark application was stopped; run again to resume.");
        }
        appId = appId != null ? appId : handle.getAppId();
        SparkAppHandle.State end = handle.getState();
        return new Outcome(appId, end.name(), end == SparkAppHandle.State.FINISHED,
                ui != null ? ui : uiAddress(log), log);
    }

    /** The UI address the driver printed, once it has. */
    static String uiAddress(Path log) {
        try {
            if (!Files.exists(log)) {
                return null;
            }
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                int at = line.indexOf(UI_LINE);
                if (at >= 0) {
                    return line.substring(at + UI_LINE.length()).trim();
                }
            }
            return null;
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
    }

    /** Ferry's own settings the tasks must share with this process (the lease time, chiefly). */
    private static String jvmOptions() {
        String ttl = System.getProperty("ferry.lease.ttl.seconds");
        return ttl == null ? "" : "-Dferry.lease.ttl.seconds=" + ttl;
    }

    private static Path logFile(SparkVerb verb) {
        Path dir = FerryHome.logFile().getParent().resolve("spark");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new FerryException("Cannot create " + dir + " for the Spark application's log: " + e.getMessage());
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        return dir.resolve(verb.arg() + "-" + stamp + ".log");
    }
}
