package dev.ferry.engine;

import com.mongodb.client.MongoDatabase;
import dev.ferry.plan.Guardrails;
import dev.ferry.testing.InProcessMongo;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/** Throwaway probe: raw insertMany of mapped docs vs a full run. */
public final class ThroughputProbe {
    public static void main(String[] a) {
        int n = Integer.parseInt(a.length > 0 ? a[0] : "100000");
        try (InProcessMongo mongo = new InProcessMongo()) {
            MongoDatabase db = mongo.database("app");
            List<Document> src = TestPlans.sources(n);
            String pad = "x".repeat(900);
            src.forEach(d -> d.append("pad", pad));
            for (int i = 0; i < n; i += 1000) db.getCollection("src").insertMany(src.subList(i, Math.min(n, i + 1000)));
            List<Document> people = new ArrayList<>(), tags = new ArrayList<>();
            for (Document s : src) { var m = TestPlans.MAPPER.map(s); people.add(m.targets().get("people")); tags.add(m.targets().get("tags")); }
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i += 1000) {
                db.getCollection("rawp").insertMany(people.subList(i, Math.min(n, i + 1000)));
                db.getCollection("rawt").insertMany(tags.subList(i, Math.min(n, i + 1000)));
            }
            double raw = (System.nanoTime() - t0) / 1e9;
            try (Ferry f = Ferry.connect(mongo.uri("app")).withCompiler(p -> TestPlans.MAPPER)) {
                long t1 = System.nanoTime();
                f.run(TestPlans.split("probe", 1000, Guardrails.none()), new RunControl(), e -> { });
                double run = (System.nanoTime() - t1) / 1e9;
                System.out.printf("raw %.2fs (%.0f docs/s)  run %.2fs (%.0f docs/s)  ratio %.2f%n", raw, 2 * n / raw, run, 2 * n / run, raw / run);
            }
        }
    }
}
