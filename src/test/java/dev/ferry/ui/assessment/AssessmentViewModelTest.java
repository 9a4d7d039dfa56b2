package dev.ferry.ui.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.service.AssessmentService;
import dev.ferry.testing.ConsoleFixture;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class AssessmentViewModelTest {

    @Test
    void analysesCollectionsAndShowsThePlansSourceFieldsWithMixedAndSparseOnesFlagged() {
        try (ConsoleFixture f = new ConsoleFixture(1_500)) {
            f.mongo().getCollection("odd").insertOne(new Document("_id", 1).append("v", "text"));
            f.mongo().getCollection("odd").insertOne(new Document("_id", 2).append("v", 2));
            f.mongo().getCollection("odd").insertOne(new Document("_id", 3));
            AssessmentViewModel model = new AssessmentViewModel(f.session, new AssessmentService(f.executor, f.session));
            assertThat(model.summaryProperty().get()).isEqualTo("Not analysed — Analyse");
            model.sampleSizeProperty().set(500);

            model.analyse();

            assertThat(model.messageProperty().get()).isEmpty();
            assertThat(model.summaryProperty().get()).contains("analysed").contains("of 1,503 documents");
            assertThat(model.collections()).extracting(c -> c.name()).contains("user_data", "odd");
            assertThat(model.selectedProperty().get().name()).isEqualTo("user_data"); // the plan's source first
            assertThat(model.fieldsTitleProperty().get()).startsWith("Fields of user_data — from 500 sampled of 1,500");
            assertThat(model.fields()).extracting(FieldRow::path).contains("_id", "user_id", "file_type");
            assertThat(model.fields().stream().filter(r -> r.path().equals("id")).findFirst().orElseThrow().sparse())
                    .isTrue(); // 70% of the documents carry an id

            model.selectedProperty().set(model.collections().stream().filter(c -> c.name().equals("odd")).findFirst()
                    .orElseThrow());
            FieldRow v = model.fields().stream().filter(r -> r.path().equals("v")).findFirst().orElseThrow();
            assertThat(v.mixed()).isTrue();
            assertThat(v.sparse()).isTrue();
            assertThat(v.notes()).isEqualTo("mixed types · sparse");
            assertThat(v.types()).contains("string 50%").contains("int 50%");
        }
    }

    @Test
    void withoutAConnectionItSaysWhatToDo() {
        dev.ferry.service.Session session = new dev.ferry.service.Session();
        AssessmentViewModel model = new AssessmentViewModel(session,
                new AssessmentService(new dev.ferry.service.ImmediateTaskExecutor(), session));
        model.analyse();
        assertThat(model.messageProperty().get()).isEqualTo("Connect to a database first (Connections).");
        assertThat(model.summaryProperty().get()).isEqualTo("Not analysed — Analyse");
    }
}
