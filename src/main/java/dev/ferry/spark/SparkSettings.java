package dev.ferry.spark;

import dev.ferry.FerryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where and how a verb runs on Spark: the master, the Spark home whose {@code bin/spark-submit} submits, the
 * application jar ({@code ferry-spark.jar}, built by {@code mvn -P spark package}) and extra Spark settings.
 */
public record SparkSettings(String master, Path sparkHome, Path appJar, Map<String, String> conf) {

    /** Spark retries a failed task up to this many times on a cluster by default; local mode gets the same. */
    static final int TASK_ATTEMPTS = 4;
    private static final Pattern LOCAL = Pattern.compile("local\\[(\\d+|\\*)]");

    public SparkSettings {
        conf = Map.copyOf(conf);
    }

    /**
     * The settings with defaults filled: the Spark home from {@code $SPARK_HOME}, else the {@code spark-home} Maven
     * assembled beside Ferry's jar; the application jar beside Ferry's jar. Refuses what cannot be submitted.
     */
    public static SparkSettings resolve(String master, Path sparkHome, Path appJar, Map<String, String> conf,
                                        String sparkHomeEnv) {
        Path built = builtDir();
        Path home = sparkHome != null ? sparkHome
                : sparkHomeEnv != null && !sparkHomeEnv.isBlank() ? Path.of(sparkHomeEnv) : built.resolve("spark-home");
        Path jar = appJar != null ? appJar : built.resolve("ferry-spark.jar");
        if (!Files.isExecutable(home.resolve("bin").resolve("spark-submit"))) {
            throw FerryException.usage("No Spark to submit to: " + home.toAbsolutePath() + "/bin/spark-submit is"
                    + " missing. Build Ferry's with `mvn -P spark package`, or give --spark-home (or $SPARK_HOME).");
        }
        if (!Files.isRegularFile(jar)) {
            throw FerryException.usage("No application jar for Spark: " + jar.toAbsolutePath() + " is missing. Build"
                    + " it with `mvn -P spark package`, or give --spark-jar.");
        }
        return new SparkSettings(master, home.toAbsolutePath(), jar.toAbsolutePath(), conf);
    }

    /**
     * The master Spark is given: {@code local[N]} becomes {@code local[N,4]}, so a failed task is retried in local
     * mode as on a cluster (plain {@code local[N]} gives each task one attempt).
     */
    String submittedMaster() {
        Matcher local = LOCAL.matcher(master);
        return local.matches() ? "local[" + local.group(1) + "," + TASK_ATTEMPTS + "]" : master;
    }

    /** How many partitions suit the master when the plan names none: N for local[N], else 8. */
    public int defaultPartitions() {
        Matcher local = Pattern.compile("local\\[(\\d+)(,\\d+)?]").matcher(master);
        return local.matches() ? Math.max(2, Integer.parseInt(local.group(1))) : 8;
    }

    /** The folder Ferry's own jar (or classes) is in: Maven's target. */
    private static Path builtDir() {
        try {
            Path self = Path.of(SparkSettings.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return self.getParent();
        } catch (Exception e) {
            return Path.of("target");
        }
    }
}
