package dev.ferry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.ferry.demo.DemoDatabase;
import dev.ferry.demo.DemoProcess;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's figures against what a user would write instead: on one demo server in a process of its own, runbook
 * 000's split by {@link PlainSplitScript} (batches of 1,000, insertMany both targets concurrently, nothing kept) and
 * by Ferry's {@code run} in one piece and in partitions, each a whole process, alternating; the targets and the
 * journal are dropped between runs. Prints and writes {@code target/bench/split-vs-script.txt}. Not part of
 * {@code mvn verify}:
 * <pre>mvn -o test -Dgroups=bench -Dtest=SplitAgainstScriptBenchmark#againstTheScript -Dbench.docs=50000 -Dbench.rounds=3</pre>
 */
@Tag("bench")
class SplitAgainstScriptBenchmark {

    static final int DOCS = Integer.getInteger("bench.docs", 50_000);
    static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    static final int PARTITIONS = Integer.getInteger("bench.partitions", 4);
    static final Path PLAN = Path.of("plans/user-data-split.yaml");

    /**
     * Runbook 000's plan without its guardrails: on a machine shared with other work the runbook's throughput floor
     * (50 docs/s) can pause a measured run, and the script has no guardrails either.
     */
    static Path plan() throws IOException {
        Path copy = Files.createTempFile("bench-user-data-split", ".yaml");
        Files.writeString(copy, Files.readString(PLAN).replaceAll("(?m)^guardrails:.*$", ""));
        return copy;
    }

    @Test
    void againstTheScript() throws Exception {
        String plan = plan().toString();
        try (Server server = Server.start(DOCS, "4g")) {
            Map<String, List<Double>> seconds = new LinkedHashMap<>();
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "runbook 000 split of %,d documents, %d rounds, alternating"
                    + " (each a whole process; the demo server in its own process); load average at start %.1f", DOCS,
                    ROUNDS, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
            long firstWritten = -1;
            for (int round = 1; round <= ROUNDS; round++) {
                for (String variant : List.of("script", "ferry run", "ferry run --partitions " + PARTITIONS)) {
                    server.reset();
                    long t0 = System.nanoTime();
                    Child child = switch (variant) {
                        case "script" -> Child.java(List.of(), PlainSplitScript.class.getName(), server.uri, "1000");
                        case "ferry run" -> Child.ferry(List.of(), "run", "--uri", server.uri, "--plan", plan);
                        default -> Child.ferry(List.of(), "run", "--uri", server.uri, "--plan", plan,
                                "--partitions", String.valueOf(PARTITIONS));
                    };
                    int code = child.waitFor(20);
                    double s = (System.nanoTime() - t0) / 1e9;
                    // Ferry exits 1 when it completed with records in quarantine (the demo data has a few)
                    assertThat(code).as(variant + ":\n" + child.output()).isBetween(0, 1);
                    assertThat(child.output()).as(variant).contains("omplete");
                    long written = server.count("dataset_metadata");
                    assertThat(server.count("transformation_configs")).as(variant).isEqualTo(written);
                    if (firstWritten < 0) {
                        firstWritten = written;
                    }
                    assertThat(written).as(variant + " writes what the others wrote (the rest is skipped or"
                            + " quarantined)").isEqualTo(firstWritten).isGreaterThan(DOCS * 9L / 10);
                    seconds.computeIfAbsent(variant, v -> new ArrayList<>()).add(s);
                    lines.add(String.format(Locale.ROOT, "round %d  %-28s %6.1f s  %,8.0f docs/s", round, variant, s,
                            DOCS / s));
                }
            }
            double script = median(seconds.get("script"));
            lines.add("median, and throughput against the script's (ratio = time(script) / time(variant)):");
            seconds.forEach((variant, times) -> lines.add(String.format(Locale.ROOT, "  %-28s %6.1f s  %,8.0f docs/s"
                    + "  ratio %.2f", variant, median(times), DOCS / median(times), script / median(times))));
            report("split-vs-script.txt", lines);
        }
    }

    /**
     * A 1,000,000-document split with the worker at {@code -Xmx256m}: killed (SIGKILL) once a third is written,
     * resumed by a second worker at the same heap, completed; the heap's peak from each worker's GC log.
     * <pre>mvn -o test -Dgroups=bench -Dtest=SplitAgainstScriptBenchmark#aMillionAtAQuarterGigabyte -Dbench.million=1000000</pre>
     */
    @Test
    void aMillionAtAQuarterGigabyte() throws Exception {
        int docs = Integer.getInteger("bench.million", 1_000_000);
        String plan = plan().toString();
        List<String> lines = new ArrayList<>();
        try (Server server = Server.start(docs, System.getProperty("bench.serverHeap", "16g"))) {
            server.reset();
            Path gc1 = Files.createTempFile("bench-gc-first", ".log");
            Path gc2 = Files.createTempFile("bench-gc-resumed", ".log");
            long t0 = System.nanoTime();
            Child first = Child.ferry(List.of("-Xmx256m", "-Xlog:gc:file=" + gc1), "run", "--uri", server.uri,
                    "--plan", plan);
            while (server.count("dataset_metadata") < docs / 3) {
                assertThat(first.process().isAlive()).as(first.output()).isTrue();
                Thread.sleep(1000);
            }
            first.process().destroyForcibly();
            first.process().waitFor();
            double killedAt = (System.nanoTime() - t0) / 1e9;
            long writtenWhenKilled = server.count("dataset_metadata");
            long t1 = System.nanoTime();
            Child resumed = Child.ferry(List.of("-Xmx256m", "-Xlog:gc:file=" + gc2), "run", "--uri", server.uri,
                    "--plan", plan);
            int code = resumed.waitFor(240);
            double resumedFor = (System.nanoTime() - t1) / 1e9;
            assertThat(code).as(resumed.output()).isBetween(0, 1);
            assertThat(resumed.output()).contains("omplete");
            long written = server.count("dataset_metadata");
            assertThat(server.count("transformation_configs")).isEqualTo(written);
            lines.add(String.format(Locale.ROOT, "%,d documents at -Xmx256m: killed after %.0f s with %,d written;"
                    + " resumed and completed in %.0f s (%,.0f docs/s); %,d written in each target", docs, killedAt,
                    writtenWhenKilled, resumedFor, (docs - writtenWhenKilled) / resumedFor, written));
            lines.add(String.format(Locale.ROOT, "heap peak (largest heap in use before a collection): first worker"
                    + " %d MB, resumed worker %d MB, of 256 MB", peakMb(gc1), peakMb(gc2)));
        }
        report("million-at-256m.txt", lines);
    }

    /** The largest "used before" of a unified GC log's "NNNM->NNNM(NNNM)" lines. */
    static long peakMb(Path gcLog) throws IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)")
                .matcher(Files.readString(gcLog));
        long peak = 0;
        while (m.find()) {
            peak = Math.max(peak, Long.parseLong(m.group(1)));
        }
        return peak;
    }

    static double median(List<Double> xs) {
        List<Double> sorted = xs.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static void report(String file, List<String> lines) throws IOException {
        lines.forEach(System.out::println);
        Path out = Path.of("target", "bench", file);
        Files.createDirectories(out.getParent());
        Files.write(out, lines);
    }

    /** The demo server ({@link DemoProcess}) seeded with runbook 000's documents, in a JVM of its own. */
    static final class Server implements AutoCloseable {

        final Process process;
        final String uri;
        private final MongoClient client;

        private Server(Process process, String uri) {
            this.process = process;
            this.uri = uri;
            this.client = MongoClients.create(uri);
        }

        static Server start(int docs, String heap) throws Exception {
            Path uriFile = Files.createTempFile("bench-demo", ".uri");
            Files.delete(uriFile);
            Path log = Files.createTempFile("bench-demo", ".out");
            Process p = new ProcessBuilder(Child.javaBin(), "-Xmx" + heap, "-cp", Child.classPath(),
                    DemoProcess.class.getName(), String.valueOf(docs), uriFile.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
            while (!Files.exists(uriFile)) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new AssertionError("the demo server did not start:\n" + Files.readString(log));
                }
                Thread.sleep(200);
            }
            String base = Files.readString(uriFile).strip();
            return new Server(p, base.contains("/" + DemoDatabase.DATABASE) ? base
                    : base.replaceAll("/?$", "") + "/" + DemoDatabase.DATABASE);
        }

        MongoDatabase db() {
            return client.getDatabase(DemoDatabase.DATABASE);
        }

        /** Drops the targets and the journal: the next run starts from nothing. */
        void reset() {
            for (String name : db().listCollectionNames()) {
                if (!name.equals(DemoDatabase.COLLECTION)) {
                    db().getCollection(name).drop();
                }
            }
        }

        long count(String collection) {
            return db().getCollection(collection).countDocuments();
        }

        @Override
        public void close() throws Exception {
            client.close();
            process.getOutputStream().close(); // the server stops when its input ends
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** A child JVM on the test class path, its output in a file. */
    record Child(Process process, Path out) {

        static Child java(List<String> jvm, String mainClass, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(javaBin(), "-cp", classPath()));
            command.addAll(jvm);
            command.add(mainClass);
            command.addAll(List.of(args));
            Path out = Files.createTempFile("bench-child", ".out");
            return new Child(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                    .start(), out);
        }

        static Child ferry(List<String> jvm, String... args) throws IOException {
            return java(jvm, "dev.ferry.app.Launcher", args);
        }

        int waitFor(int minutes) throws Exception {
            if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("not done in " + minutes + " minutes:\n" + output());
            }
            return process.exitValue();
        }

        String output() throws IOException {
            return Files.readString(out);
        }

        static String javaBin() {
            return Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }

        static String classPath() {
            String cp = System.getProperty("surefire.test.class.path");
            return cp != null ? cp : System.getProperty("java.class.path").replace(File.pathSeparator,
                    File.pathSeparator);
        }
    }
}
