package dev.ferry.spark;

/** The Ferry verbs that run as a Spark application, each partition a task; the driver's first argument. */
public enum SparkVerb {
    RUN, VALIDATE, ROLLBACK;

    public String arg() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
