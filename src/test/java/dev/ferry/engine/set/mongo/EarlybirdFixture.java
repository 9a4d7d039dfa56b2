package dev.ferry.engine.set.mongo;

import dev.ferry.engine.set.SetStatusReport;

import com.mongodb.client.MongoDatabase;
import dev.ferry.demo.EarlybirdDataset;
import dev.ferry.store.DocumentChecksum;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.bson.Document;

/** Runbook 004's demo data and set, and what tests compare before and after: checksums and index names. */
final class EarlybirdFixture {

    static final Path SET = Path.of("sets", "earlybird");

    private EarlybirdFixture() {
    }

    static void seed(MongoDatabase db, int orders) {
        EarlybirdDataset.seed(db, orders, 7);
    }

    /** Every collection's order-independent content checksum. */
    static Map<String, DocumentChecksum.Sum> checksums(MongoDatabase db) {
        Map<String, DocumentChecksum.Sum> sums = new TreeMap<>();
        for (String c : EarlybirdDataset.COLLECTIONS) {
            DocumentChecksum.Sum sum = DocumentChecksum.Sum.EMPTY;
            for (Document d : db.getCollection(c).find().batchSize(1000)) {
                sum = sum.add(d);
            }
            sums.put(c, sum);
        }
        return sums;
    }

    /** "collection.index" for every index of the six collections. */
    static TreeSet<String> indexes(MongoDatabase db) {
        TreeSet<String> names = new TreeSet<>();
        for (String c : EarlybirdDataset.COLLECTIONS) {
            db.getCollection(c).listIndexes().forEach(i -> names.add(c + "." + i.getString("name")));
        }
        return names;
    }

    /** A copy of the earlybird set (or of given files) in a fresh folder named {@code name}, to change in a test. */
    static Path copy(Path tmp, String name) {
        Path dir = tmp.resolve(name);
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(SET)) {
                for (Path f : files.toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String file, String text) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(file), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> statuses(SetStatusReport report) {
        List<String> out = new ArrayList<>();
        report.versions().forEach(v -> out.add(v.label() + ":" + v.status()));
        return out;
    }
}
