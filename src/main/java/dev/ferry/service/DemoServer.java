package dev.ferry.service;

import dev.ferry.FerryException;
import dev.ferry.demo.DemoDatabase;
import dev.ferry.demo.DemoProcess;
import dev.ferry.demo.ShopDemo;
import dev.ferry.demo.UserDataGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in demo database behind the console. By default a child JVM ({@link DemoProcess}) holds it, so a demo
 * run's documents are collected on another heap and never stall the console's FX thread; it ends with the console.
 * {@code -Dferry.demo.process=in-process} (the tests' setting, and the fallback when no {@code java} can be found, as
 * in a trimmed runtime) keeps it in the console's own JVM.
 */
abstract class DemoServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoServer.class);
    private static final Duration START_LIMIT = Duration.ofMinutes(3);

    /** The connection string of the running demo database (MongoDB). */
    abstract String connectionString();

    /** The shop demo's PostgreSQL database (JDBC URL); null for the other demos. */
    String postgresUrl() {
        return null;
    }

    @Override
    public abstract void close();

    /** Starts a demo database seeded with {@code docs} documents, as {@code mode} says ("child" or "in-process"). */
    static DemoServer start(String mode, int docs) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (!"in-process".equals(mode) && Files.isExecutable(java)) {
            return Child.start(java, List.of(String.valueOf(docs)));
        }
        DemoDatabase demo = DemoDatabase.startSeeded(0, docs);
        return new DemoServer() {
            @Override
            String connectionString() {
                return demo.connectionString();
            }

            @Override
            public void close() {
                demo.close();
            }
        };
    }

    /** Starts the shop demo (MongoDB listings, an embedded PostgreSQL 15 shop) with {@code customers} customers. */
    static DemoServer startShop(String mode, int customers) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (!"in-process".equals(mode) && Files.isExecutable(java)) {
            return Child.start(java, List.of("shop", String.valueOf(customers)));
        }
        ShopDemo shop = ShopDemo.start(0, 0, customers, UserDataGenerator.DEFAULT_SEED);
        return new DemoServer() {
            @Override
            String connectionString() {
                return shop.mongoUri();
            }

            @Override
            String postgresUrl() {
                return shop.postgresUrl();
            }

            @Override
            public void close() {
                shop.close();
            }
        };
    }

    private static final class Child extends DemoServer {

        private final Process process;
        private final String uri;
        private final String postgresUrl;

        private Child(Process process, String uri, String postgresUrl) {
            this.process = process;
            this.uri = uri;
            this.postgresUrl = postgresUrl;
        }

        /** @param args what the demo process takes after its class: the documents, or shop and the customers */
        static Child start(Path java, List<String> args) {
            Path dir;
            try {
                dir = Files.createTempDirectory("ferry-demo");
            } catch (IOException e) {
                throw new FerryException("Cannot start the demo database: no temporary folder (" + e.getMessage()
                        + ").", e);
            }
            Path uriFile = dir.resolve("uri");
            Path log = dir.resolve("demo.log");
            List<String> command = new ArrayList<>();
            Path nice = Path.of("/usr/bin/nice");
            if (Files.isExecutable(nice)) {
                // the demo stands in for a database on another machine: it must not take the CPU from the console
                command.addAll(List.of(nice.toString(), "-n", "10"));
            }
            command.add(java.toString());
            String heap = System.getProperty("ferry.demo.heap");
            if (heap != null) {
                command.add("-Xmx" + heap);
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), DemoProcess.class.getName()));
            command.addAll(args);
            command.add(uriFile.toString());
            Process process;
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                throw new FerryException("Cannot start the demo database's process (" + e.getMessage() + ").", e);
            }
            Instant deadline = Instant.now().plus(START_LIMIT);
            try {
                while (!Files.exists(uriFile)) {
                    if (!process.isAlive()) {
                        throw new FerryException("The demo database's process stopped before it listened (exit "
                                + process.exitValue() + "): " + tail(log));
                    }
                    if (Instant.now().isAfter(deadline)) {
                        process.destroyForcibly();
                        throw new FerryException("The demo database did not start within "
                                + START_LIMIT.toMinutes() + " minutes: " + tail(log));
                    }
                    Thread.sleep(50);
                }
                List<String> addresses = Files.readAllLines(uriFile, StandardCharsets.UTF_8);
                LOG.info("Demo database in process {} at {}", process.pid(), addresses);
                return new Child(process, addresses.get(0).strip(),
                        addresses.size() > 1 ? addresses.get(1).strip() : null);
            } catch (IOException e) {
                process.destroyForcibly();
                throw new FerryException("Cannot read the demo database's address (" + e.getMessage() + ").", e);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new FerryException("Interrupted while the demo database started.", e);
            }
        }

        @Override
        String connectionString() {
            return uri;
        }

        @Override
        String postgresUrl() {
            return postgresUrl;
        }

        @Override
        public void close() {
            try {
                process.getOutputStream().close(); // end of its input: it stops by itself
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (IOException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }

        private static String tail(Path log) {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
            } catch (IOException e) {
                return "(no output)";
            }
        }
    }
}
