package dev.ferry.plan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a migration set folder: every {@code V<version>__<description>.yaml|.yml|.json} file in it, in version
 * order. Every fault in every file is reported at once, each with file, line and column. Other files (a README)
 * are ignored; a file that looks meant as a migration but is misnamed is an error, not silently skipped.
 */
public final class MigrationSetLoader {

    static final Pattern NAME = Pattern.compile("V(\\d{1,18})__(\\w+)\\.(ya?ml|json)");
    private static final Pattern LOOKS_LIKE_ONE = Pattern.compile("(?i)v\\d.*\\.(ya?ml|json)");

    private MigrationSetLoader() {
    }

    public static MigrationSet load(Path dir) {
        Path folder = dir.toAbsolutePath().normalize();
        List<PlanError> errors = new ArrayList<>();
        List<MigrationFile> files = new ArrayList<>();
        Map<Long, Path> seen = new HashMap<>();
        for (Path file : listing(folder)) {
            String name = file.getFileName().toString();
            Matcher m = NAME.matcher(name);
            if (!m.matches()) {
                if (LOOKS_LIKE_ONE.matcher(name).matches()) {
                    errors.add(new PlanError(dir.resolve(name).toString(), 1, 1, "", "not a migration file name:"
                            + " expected V<version>__<description>.yaml, e.g. V001__add_subscription_id_to_orders.yaml"));
                }
                continue;
            }
            long version = Long.parseLong(m.group(1));
            Path earlier = seen.putIfAbsent(version, file);
            if (earlier != null) {
                errors.add(new PlanError(dir.resolve(name).toString(), 1, 1, "", "version " + version
                        + " is also given by " + earlier.getFileName() + "; each version needs its own number"));
                continue;
            }
            try {
                files.add(loadFile(file, dir.resolve(name).toString(), version, m.group(1), m.group(2)));
            } catch (PlanException e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new PlanException(errors);
        }
        if (files.isEmpty()) {
            throw new PlanException(List.of(new PlanError(dir.toString(), 1, 1, "", "no migration files in this"
                    + " folder: expected files named V<version>__<description>.yaml")));
        }
        files.sort(Comparator.comparingLong(MigrationFile::version));
        return new MigrationSet(folder.getFileName().toString(), folder, files);
    }

    private static List<Path> listing(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new PlanException(List.of(new PlanError(folder.toString(), 1, 1, "",
                    "not a folder of migration files (it does not exist or is a file)")));
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new PlanException(List.of(new PlanError(folder.toString(), 1, 1, "",
                    "cannot list the folder: " + e.getMessage())));
        }
    }

    private static MigrationFile loadFile(Path file, String shownName, long version, String label, String slug) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PlanException(List.of(new PlanError(shownName, 1, 1, "", "cannot read: " + e.getMessage())));
        }
        PlanProblems problems = new PlanProblems(shownName);
        boolean json = shownName.toLowerCase(Locale.ROOT).endsWith(".json");
        PlanNode root = new PlanTreeReader(problems).read(new String(bytes, StandardCharsets.UTF_8), json).orElse(null);
        if (root == null) {
            problems.throwIfAny();
        }
        String fallback = slug.replace('_', ' ');
        return new MigrationFileBinder(problems).bind(root, file, version, label, fallback, sha256(bytes));
    }

    /** The SHA-256 of a file's bytes, in hex: what the history keeps to notice a file changed after it was applied. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
