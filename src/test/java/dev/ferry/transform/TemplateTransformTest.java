package dev.ferry.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class TemplateTransformTest {

    @Test
    void fillsPlaceholdersFromFieldsProducedLaterInPlanOrder() {
        // config_id comes first in the plan but is produced after dataset_id, and stays first in the document.
        Document t = TestPlans.target(new Document("_id", 1).append("id", "abc").append("v", 2),
                "config_id: { template: \"{dataset_id}_config_v{version}\" }",
                "dataset_id: { from: id }", "version: { from: v }");
        assertThat(t.keySet()).containsExactly("_id", "config_id", "dataset_id", "version");
        assertThat(t).containsEntry("config_id", "abc_config_v2");
    }

    @Test
    void chainsTemplatesAndReadsTheId() {
        ObjectId id = new ObjectId("65f0a1b2c3d4e5f601234567");
        Document t = TestPlans.target(new Document("_id", id),
                "b: { template: \"{a}-b\" }", "a: { template: \"{_id}\" }");
        assertThat(t).containsEntry("a", "65f0a1b2c3d4e5f601234567").containsEntry("b", "65f0a1b2c3d4e5f601234567-b");
    }

    @Test
    void aPlaceholderWithoutValueIsAFieldError() {
        MappedRecord r = TestPlans.map(new Document("_id", 1), "dataset_id: { from: id }",
                "config_id: { template: \"{dataset_id}_config\" }", "kept: { value: 1 }");
        assertThat(r.errors()).containsExactly(new FieldError("t", "config_id",
                "template \"{dataset_id}_config\": field {dataset_id} has no value"));
        assertThat(r.targets().get("t")).doesNotContainKey("config_id").containsEntry("kept", 1);
    }
}
