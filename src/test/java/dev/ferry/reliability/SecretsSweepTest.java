package dev.ferry.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.ferry.demo.UserDataGenerator;
import dev.ferry.testing.ChildFerry;
import dev.ferry.testing.InProcessMongo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything run with a password in the connection string — the URI's user info (refused by the test server, which
 * has no authentication: the error paths) and a password query option (the whole run → validate → rollback path);
 * then every line of output, {@code --json} output, the log files and every journal collection are searched for the
 * password: 0 hits.
 */
class SecretsSweepTest {

    static final String SECRET = "Hunter2-s3cr3t";
    static InProcessMongo mongo;

    @BeforeAll
    static void start() {
        mongo = new InProcessMongo();
        MongoDatabase db = mongo.database("sweep");
        db.getCollection("user_data").insertMany(new UserDataGenerator(3).documents(0, 300));
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    @Test
    void noPasswordInOutputJsonLogsOrJournal(@TempDir Path logs) throws Exception {
        String host = mongo.connectionString().replaceFirst("^mongodb://", "");
        String withUser = "mongodb://ferry:" + SECRET + "@" + host + "/sweep";
        String withOption = "mongodb://" + host + "/sweep?appName=ferry&password=" + SECRET;
        List<String> jvm = List.of("-Dferry.log.dir=" + logs, "-Dferry.stderr.level=DEBUG",
                "-Dferry.lease.ttl.seconds=2");
        String plan = "plans/user-data-split.yaml";
        List<String[]> verbs = new ArrayList<>();
        for (String uri : List.of(withUser, withOption)) {
            verbs.add(new String[] {"assess", "--uri", uri, "--sample", "50"});
            verbs.add(new String[] {"dry-run", "--uri", uri, "--plan", plan, "--json"});
            verbs.add(new String[] {"run", "--uri", uri, "--plan", plan, "--json"});
            verbs.add(new String[] {"run", "--uri", uri, "--plan", plan, "--verbose"});
            verbs.add(new String[] {"validate", "--uri", uri, "--plan", plan, "--json"});
            verbs.add(new String[] {"status", "--uri", uri, "--json"});
            verbs.add(new String[] {"history", "--uri", uri});
            verbs.add(new String[] {"rollback", "--uri", uri, "--plan", plan, "--yes", "--json"});
        }
        List<Integer> codes = new ArrayList<>();
        StringBuilder everything = new StringBuilder();
        for (String[] args : verbs) {
            ChildFerry.Result r = ChildFerry.run(jvm, args);
            codes.add(r.code());
            everything.append(r.output());
            assertThat(r.output()).as("output of ferry %s", String.join(" ", args)).doesNotContain(SECRET);
        }
        assertThat(codes.subList(0, 8)).as("the server has no users: refused, exit 3").containsOnly(3);
        // dry run and runs: 1, as the demo's invalid records are (would be) quarantined; the rest 0
        assertThat(codes.subList(8, 16)).as("the option path works").containsExactly(0, 1, 1, 1, 0, 0, 0, 0);
        try (Stream<Path> files = Files.walk(logs)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f)).as("log %s", f).doesNotContain(SECRET).isNotEmpty();
            }
        }
        MongoDatabase db = mongo.database("sweep");
        int journalled = 0;
        for (String c : db.listCollectionNames()) {
            for (Document d : db.getCollection(c).find()) {
                assertThat(d.toJson()).as("%s", c).doesNotContain(SECRET);
                journalled++;
            }
        }
        assertThat(journalled).isPositive();
        System.err.printf("secrets sweep: %d CLI invocations, %d characters of output, %d stored documents: 0 hits%n",
                verbs.size(), everything.length(), journalled);
    }
}
