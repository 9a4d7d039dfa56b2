package dev.ferry.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The console's demo database in a process of its own, so that its documents (the source, the targets and the undo
 * log of a demo run) live on another heap than the console's and their garbage collection never stalls the UI.
 * Arguments: the documents to seed and a file to write the connection string into once the server listens (written
 * whole, by a rename); or {@code shop}, the customers and the file, which then gets the MongoDB address and the
 * PostgreSQL one on two lines. It stops when its standard input ends, that is when the console that started it
 * exits, however it exits.
 */
public final class DemoProcess {

    private DemoProcess() {
    }

    public static void main(String[] args) throws IOException {
        if ("shop".equals(args[0])) {
            try (ShopDemo demo = ShopDemo.start(0, 0, Integer.parseInt(args[1]), UserDataGenerator.DEFAULT_SEED)) {
                announce(Path.of(args[2]), demo.mongoUri() + "\n" + demo.postgresUrl());
                waitForTheConsole();
            }
            System.exit(0);
        }
        int docs = Integer.parseInt(args[0]);
        try (DemoDatabase demo = DemoDatabase.startSeeded(0, docs)) {
            announce(Path.of(args[1]), demo.connectionString());
            waitForTheConsole();
        }
        System.exit(0);
    }

    private static void announce(Path uriFile, String addresses) throws IOException {
        Path partial = uriFile.resolveSibling(uriFile.getFileName() + ".partial");
        Files.writeString(partial, addresses, StandardCharsets.UTF_8);
        Files.move(partial, uriFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void waitForTheConsole() throws IOException {
        InputStream parent = System.in;
        while (parent.read() >= 0) {
            // the console never writes; end of input means it is gone
        }
    }
}
