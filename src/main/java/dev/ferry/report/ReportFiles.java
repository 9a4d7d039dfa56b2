package dev.ferry.report;

import dev.ferry.FerryException;
import dev.ferry.engine.EvidenceReport;
import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.ReportDigest;
import dev.ferry.plan.MigrationPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Writing a run's report to a file and checking a copy later, for the CLI and the console alike: the bytes written
 * are the bytes whose SHA-256 the run's journal keeps.
 */
public final class ReportFiles {

    private ReportFiles() {
    }

    /** A report written: where, and the digest kept in the journal. */
    public record Written(Path file, ReportDigest digest, EvidenceReport report) {
    }

    /** What checking a file found: the report it is, or none when Ferry never made these bytes here. */
    public record Verification(Path file, String sha256, Optional<ReportDigest> made) {
        public boolean unaltered() {
            return made.isPresent();
        }
    }

    /** The default file name: "ferry-report-PLAN-RUN.html". */
    public static String fileName(String plan, String runId, ReportFormat format) {
        return ("ferry-report-" + plan + "-" + runId).replaceAll("[^\\w.-]", "_") + "." + format.extension();
    }

    /** Builds the report of the run, writes it to {@code file} (replaced whole, never half), keeps its digest. */
    public static Written write(MigrationEngine engine, MigrationPlan plan, String runId, ReportFormat format,
                                Path file) {
        EvidenceReport report = engine.report(plan, runId);
        byte[] bytes = format.render(report);
        Path target = file.toAbsolutePath();
        try {
            Path parent = target.getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".ferry-report", ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new FerryException("Cannot write the report to " + target + ": " + e.getMessage()
                    + ". Choose a folder you can write to.", e);
        }
        ReportDigest digest = new ReportDigest(report.runId(), report.plan(), sha256(bytes),
                format.extension(), Instant.now(), report.madeBy(), report.madeOn(), bytes.length);
        engine.reported(plan, digest);
        return new Written(target, digest, report);
    }

    /** Reads {@code file} and looks its SHA-256 up in the journal of the database {@code engine} is connected to. */
    public static Verification verify(MigrationEngine engine, Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new FerryException("Cannot read " + file.toAbsolutePath() + ": " + e.getMessage()
                    + ". Check the path of the report to verify.", e);
        }
        String digest = sha256(bytes);
        return new Verification(file, digest, engine.reportDigest(digest));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }
}
