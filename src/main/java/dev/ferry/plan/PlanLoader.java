package dev.ferry.plan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Reads a plan file (YAML: .yaml/.yml, JSON: .json) into a {@link Plan}. Every fault found is reported at once
 * in a {@link PlanException}, each with file, line, column and the plan element at fault.
 */
public final class PlanLoader {
    private static final int HASH_HEX_CHARS = 16;

    private PlanLoader() {
    }

    public static Plan load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PlanException(List.of(new PlanError(file.toString(), 1, 1, "",
                    "cannot read the plan file: " + e.getMessage())));
        }
        return parse(bytes, file.toString(), file);
    }

    /** Parses plan text; {@code fileName} picks the syntax (by its extension) and names the file in errors. */
    public static Plan parse(String text, String fileName) {
        return parse(text.getBytes(StandardCharsets.UTF_8), fileName, Path.of(fileName));
    }

    private static Plan parse(byte[] bytes, String fileName, Path file) {
        PlanProblems problems = new PlanProblems(fileName);
        boolean json = fileName.toLowerCase(Locale.ROOT).endsWith(".json");
        String text = PlanText.decode(bytes, fileName);
        problems.source(text);
        PlanNode root = new PlanTreeReader(problems).read(text, json).orElse(null);
        if (root == null) {
            problems.throwIfAny();
        }
        // Binding continues past tree-level errors such as duplicate keys, so all are reported together.
        return new PlanBinder(problems).bind(root, file, hash(bytes));
    }

    /** First 16 hex characters of the SHA-256 of the file's bytes. */
    static String hash(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest).substring(0, HASH_HEX_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
