package dev.ferry.spark.app;

import dev.ferry.FerryException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver of a Ferry verb on Spark ({@code ferry run|validate|rollback --runner spark} submits it): one Spark
 * task per partition of the run, each doing Ferry's own partition work against the databases, the journal the only
 * state they share. Arguments: the verb, the plan's file name (shipped with the application), then the verb's own.
 * The connection strings come in the environment and reach the executors as redacted Spark settings.
 */
public final class FerrySparkApp {

    private static final Logger LOG = LoggerFactory.getLogger(FerrySparkApp.class);
    static final String URI_ENV = "FERRY_URI";
    static final String OTHER_URI_ENV = "FERRY_OTHER_URI";

    private FerrySparkApp() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            throw new FerryException("usage: FerrySparkApp run|validate|rollback PLAN_FILE_NAME [ARGS…]");
        }
        SparkConf conf = new SparkConf();
        if (conf.getBoolean("spark.speculation", false)) {
            throw new FerryException("spark.speculation is on: Ferry refuses speculative copies of its tasks (a copy"
                    + " would wait on the partition's lease and do nothing). Submit without spark.speculation=true.");
        }
        String uri = System.getenv(URI_ENV);
        if (uri == null || uri.isBlank()) {
            throw new FerryException("No database for the tasks: $" + URI_ENV + " is not set in the driver's"
                    + " environment (ferry … --runner spark sets it).");
        }
        conf.setExecutorEnv(URI_ENV, uri);
        String other = System.getenv(OTHER_URI_ENV);
        if (other != null && !other.isBlank()) {
            conf.setExecutorEnv(OTHER_URI_ENV, other);
        }
        // the connection strings are settings now: the UI and event logs show them redacted
        conf.set("spark.redaction.regex", conf.get("spark.redaction.regex",
                "(?i)secret|password|token|access[.]?key") + "|(?i)ferry_uri|ferry_other_uri|mongodb|jdbc");
        List<String> rest = new ArrayList<>(List.of(args).subList(2, args.length));
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            if (sc.sc().uiWebUrl().isDefined()) {
                LOG.info("ferry-spark ui {}", sc.sc().uiWebUrl().get()); // the submitting command shows it
            }
            switch (args[0]) {
                case "run" -> new SparkRun(sc, args[1], rest).execute();
                case "rollback" -> new SparkRollback(sc, args[1], rest).execute();
                default -> throw new FerryException("Unknown verb for Ferry on Spark: " + args[0]);
            }
        }
        LOG.info("ferry {} on Spark done", args[0]);
    }
}
