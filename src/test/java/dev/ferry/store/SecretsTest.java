package dev.ferry.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void hidesThePasswordOfAConnectionStringButKeepsTheUser() {
        assertThat(Secrets.redact("mongodb://alice:s3cret@db1:27017,db2/app?authSource=admin"))
                .isEqualTo("mongodb://alice:***@db1:27017,db2/app?authSource=admin");
        assertThat(Secrets.redact("failed: jdbc:postgresql://h/db?user=bob&password=hunter2 refused"))
                .doesNotContain("hunter2").contains("user=bob");
    }

    @Test
    void leavesTextWithoutCredentialsAlone() {
        assertThat(Secrets.redact("mongodb://127.0.0.1:27017/narrative_modeling"))
                .isEqualTo("mongodb://127.0.0.1:27017/narrative_modeling");
        assertThat(Secrets.redact(null)).isNull();
    }
}
