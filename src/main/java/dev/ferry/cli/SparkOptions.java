package dev.ferry.cli;

import dev.ferry.spark.SparkSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --runner spark} and its settings: where a verb runs its partitions as Spark tasks ({@code --master}),
 * which Spark submits them ({@code --spark-home}) and the application jar ({@code --spark-jar}).
 */
final class SparkOptions {

    @Option(names = "--runner", paramLabel = "local|spark", defaultValue = "local",
            description = "local: this process's workers (default); spark: each partition a Spark task, submitted"
                    + " through Spark's launcher (build it with mvn -P spark package)")
    String runner;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[2]",
            description = "with --runner spark: local[N], spark://host:7077, k8s://https://host:443, yarn"
                    + " (default: local[2])")
    String master;

    @Option(names = "--spark-home", paramLabel = "DIR",
            description = "the Spark whose bin/spark-submit submits (default: $SPARK_HOME, else the spark-home"
                    + " that mvn -P spark package assembles beside Ferry's jar)")
    Path sparkHome;

    @Option(names = "--spark-jar", paramLabel = "FILE",
            description = "the application jar (default: ferry-spark.jar beside Ferry's jar)")
    Path sparkJar;

    @Option(names = "--spark-conf", paramLabel = "KEY=VALUE",
            description = "a Spark setting for the application, e.g. spark.executor.memory=2g (repeatable)")
    List<String> conf = List.of();

    boolean onSpark() {
        return switch (runner) {
            case "local" -> false;
            case "spark" -> true;
            default -> throw new CliUsageException("--runner must be local or spark, was " + runner + ".");
        };
    }

    SparkSettings settings(Terminal terminal) {
        Map<String, String> extra = new LinkedHashMap<>();
        for (String kv : conf) {
            int eq = kv.indexOf('=');
            if (eq < 1) {
                throw new CliUsageException("--spark-conf takes KEY=VALUE, was " + kv + ".");
            }
            extra.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        try {
            return SparkSettings.resolve(master, sparkHome, sparkJar, extra, terminal.env().apply("SPARK_HOME"));
        } catch (dev.ferry.FerryException e) {
            throw new CliUsageException(e.getMessage());
        }
    }
}
