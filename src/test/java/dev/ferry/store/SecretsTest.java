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
    void hidesPasswordsHoldingAtSignsSlashesAndSpacesWhole() {
        assertThat(Secrets.redact("mongodb://alice:p@ss@db.example:27017/app")).isEqualTo("mongodb://alice:***@db.example:27017/app");
        assertThat(Secrets.redact("mongodb://alice:pa/ss@db.example:27017/app")).isEqualTo("mongodb://alice:***@db.example:27017/app");
        assertThat(Secrets.redact("connect mongodb://alice:pa ss@db:1/app failed")).isEqualTo("connect mongodb://alice:***@db:1/app failed");
        assertThat(Secrets.redact("mongodb+srv://a:s3cret@c.example.net/app?authMechanismProperties=AWS_SESSION_TOKEN:tok123"))
                .doesNotContain("s3cret").doesNotContain("tok123");
        assertThat(Secrets.redact("from mongodb://a:x@h1/db to mongodb://b:y@h2/db"))
                .isEqualTo("from mongodb://a:***@h1/db to mongodb://b:***@h2/db");
    }

    @Test
    void leavesTextWithoutCredentialsAlone() {
        assertThat(Secrets.redact("mongodb://127.0.0.1:27017/narrative_modeling"))
                .isEqualTo("mongodb://127.0.0.1:27017/narrative_modeling");
        assertThat(Secrets.redact(null)).isNull();
    }

    @Test
    void aPasswordWithAnUnencodedAmpersandIsHiddenWholeAndTheParametersAfterItStay() {
        assertThat(Secrets.redact("jdbc:postgresql://db/app?user=ops&password=Wrong&Pw$99&sslmode=require"))
                .isEqualTo("jdbc:postgresql://db/app?user=ops&password=***&sslmode=require");
        assertThat(Secrets.redact("jdbc:postgresql://db/app?password=a&b")).isEqualTo("jdbc:postgresql://db/app?password=***");
    }
}
