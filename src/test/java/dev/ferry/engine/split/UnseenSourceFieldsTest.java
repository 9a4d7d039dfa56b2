package dev.ferry.engine.split;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.ferry.engine.DryRunReport;
import dev.ferry.engine.PreviewReport;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanLoader;
import dev.ferry.testing.InProcessMongo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plan that reads a misspelt field is warned about, with the closest real one; optional fields stay quiet. */
class UnseenSourceFieldsTest {

    @TempDir
    Path dir;
    private InProcessMongo mongo;
    private SplitEngine ferry;

    @BeforeEach
    void seed() {
        mongo = new InProcessMongo();
        MongoDatabase db = mongo.database("films");
        List<Document> movies = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Document m = new Document("_id", i).append("title", "Film " + i).append("runtime", 80 + i % 60)
                    .append("cast", List.of(new Document("name", "A" + i).append("role", "lead")));
            if (i % 50 == 0) {
                m.append("tagline", "rare but real"); // optional: present in a few records only
            }
            movies.add(m);
        }
        db.getCollection("movies").insertMany(movies);
        ferry = SplitEngine.connect(mongo.uri("films"));
    }

    @AfterEach
    void stop() {
        ferry.close();
        mongo.close();
    }

    @Test
    void everyRuleThatReadsAFieldNoRecordHasIsNamedWithTheClosestField() throws Exception {
        Plan plan = plan("""
                name: films
                source: { collection: movies, key: _id }
                targets:
                  - collection: titles
                    id: { from: _id }
                    fields:
                      name: { from: titel }
                      tagline: { from: tagline }
                      long: { expr: "runtim > 120" }
                      first: { coalesce: [subtitle, title] }
                      people:
                        each: cast
                        fields:
                          who: { from: nmae }
                          part: { from: role }
                """);

        DryRunReport dry = ferry.dryRun(plan, e -> { });
        assertThat(dry.warnings()).hasSize(4);
        assertThat(dry.warnings()).anySatisfy(w -> assertThat(w).contains("'titel'").contains("titles.name")
                .contains("none of the 300 records read").contains("did you mean 'title'?"));
        assertThat(dry.warnings()).anySatisfy(w -> assertThat(w).contains("'runtim'").contains("'runtime'"));
        assertThat(dry.warnings()).anySatisfy(w -> assertThat(w).contains("'cast[].nmae'")
                .contains("'cast[].name'"));
        assertThat(dry.warnings()).anySatisfy(w -> assertThat(w).contains("'subtitle'")
                .contains("if it is optional, this is expected"));
        assertThat(dry.warnings()).noneSatisfy(w -> assertThat(w).contains("tagline"));

        PreviewReport preview = ferry.preview(plan, 2);
        assertThat(preview.samples()).hasSize(2);
        assertThat(preview.warnings()).isEqualTo(dry.warnings());
    }

    @Test
    void aPlanWhoseFieldsAllExistHasNoWarnings() throws Exception {
        Plan plan = plan("""
                name: films-ok
                source: { collection: movies, key: _id }
                targets:
                  - collection: titles
                    id: { from: _id }
                    fields:
                      name: { from: title }
                      long: { expr: "runtime > 120" }
                """);
        assertThat(ferry.dryRun(plan, e -> { }).warnings()).isEmpty();
    }

    private Plan plan(String yaml) throws Exception {
        Path file = dir.resolve("plan.yaml");
        Files.writeString(file, yaml);
        return PlanLoader.load(file);
    }
}
