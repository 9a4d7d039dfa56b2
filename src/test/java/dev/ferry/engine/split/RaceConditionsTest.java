package dev.ferry.engine.split;

import dev.ferry.engine.LeaseHeldException;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunReport;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.ferry.plan.Guardrails;
import dev.ferry.plan.Plan;
import dev.ferry.transform.MappedRecord;
import dev.ferry.transform.RecordMapper;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Races with other writers and other consoles, driven through a hook in the in-process server (it sees every
 * command before it runs). These began as a second reviewer's failing demonstrations.
 */
class RaceConditionsTest {

    /** A test hook in the server: sees every command before it runs. */
    interface Hook {
        de.bwaldvogel.mongo.bson.Document before(HookedBackend b, Channel ch, String db, String cmd,
                                                 de.bwaldvogel.mongo.bson.Document q);
    }

    static final class HookedBackend extends MemoryBackend {
        volatile Hook hook;

        @Override
        public de.bwaldvogel.mongo.bson.Document handleCommand(Channel channel, String db, String command,
                                                               de.bwaldvogel.mongo.bson.Document query) {
            Hook h = hook;
            if (h != null) {
                de.bwaldvogel.mongo.bson.Document r = h.before(this, channel, db, command, query);
                if (r != null) {
                    return r;
                }
            }
            return super.handleCommand(channel, db, command, query);
        }

        de.bwaldvogel.mongo.bson.Document direct(Channel channel, String db, String command,
                                                 de.bwaldvogel.mongo.bson.Document query) {
            return super.handleCommand(channel, db, command, query);
        }
    }

    private HookedBackend backend;
    private MongoServer server;
    private MongoClient client;
    private String uri;
    private MongoDatabase db;
    private SplitEngine ferry;

    @BeforeEach
    void start() {
        backend = new HookedBackend();
        server = new MongoServer(backend);
        String base = server.bindAndGetConnectionString();
        uri = base + (base.endsWith("/") ? "" : "/") + "app";
        client = MongoClients.create(base);
        db = client.getDatabase("app");
        ferry = SplitEngine.connect(uri).withCompiler(p -> TestPlans.MAPPER).withLeaseTtl(Duration.ofSeconds(1));
    }

    @AfterEach
    void stop() {
        ferry.close();
        client.close();
        server.shutdownNow();
    }

    private static Object tryRun(SplitEngine f, Plan plan) {
        try {
            return f.run(plan, new RunControl(), e -> { });
        } catch (RuntimeException e) {
            return e;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    /**
     * Another writer inserts key 150 into `people` just before batch 2's insert (the race the duplicate-key path
     * exists for); then the duplicate-key path's pre-image fetch fails once (network blip — or SIGKILL at the same
     * point). The resume must keep the other writer's document, and a rollback must put it back.
     */
    @Test
    void anotherWritersDocumentInsertedJustBeforeACrashSurvivesTheResumeAndTheRollback() {
        db.getCollection("src").insertMany(TestPlans.sources(300));
        Plan plan = TestPlans.split("dup", 100, Guardrails.none());
        AtomicInteger peopleInserts = new AtomicInteger();
        AtomicInteger state = new AtomicInteger(); // 0 before race, 1 race done, 2 fetch failed
        backend.hook = (b, ch, dbn, cmd, q) -> {
            if (!"app".equals(dbn)) {
                return null;
            }
            if (cmd.equals("insert") && "people".equals(q.get("insert")) && peopleInserts.incrementAndGet() == 2) {
                de.bwaldvogel.mongo.bson.Document foreign = new de.bwaldvogel.mongo.bson.Document("_id", 150)
                        .append("name", "OTHER WRITER");
                b.direct(ch, dbn, "insert", new de.bwaldvogel.mongo.bson.Document("insert", "people")
                        .append("documents", List.of(foreign)).append("ordered", true));
                state.set(1);
                return null;
            }
            if (state.get() == 1 && cmd.equals("find") && "people".equals(q.get("find"))) {
                state.set(2);
                throw new de.bwaldvogel.mongo.exception.MongoServerException("simulated connection reset");
            }
            return null;
        };
        Object first = tryRun(ferry, plan);
        backend.hook = null;
        assertThat(state.get()).as("the race and the failure happened").isEqualTo(2);
        assertThat(first).isInstanceOf(RuntimeException.class);
        Object resumed = tryRun(ferry, plan);
        assertThat(resumed).isInstanceOf(RunReport.class);
        assertThat(db.getCollection("people").find(new Document("_id", 150)).first().getString("name"))
                .isEqualTo("PERSON 150"); // the run's own document replaced the other writer's, with its pre-image kept
        ferry.rollback(plan, null, e -> { });
        List<Document> left = db.getCollection("people").find().into(new ArrayList<>());
        assertThat(left).containsExactly(new Document("_id", 150).append("name", "OTHER WRITER"));
    }

    // ---------------------------------------------------------------------------------------------------------
    /**
     * While a long rollback of an older run is still undoing (longer than a lease time), another console runs
     * the plan: it must be refused, as the rollback renews its lease.
     */
    @Test
    void aLongRollbackKeepsItsLeaseSoANewRunIsRefused() {
        db.getCollection("src").insertMany(TestPlans.sources(300));
        Plan plan = TestPlans.split("lr", 100, Guardrails.none());
        ferry.run(plan, new RunControl(), e -> { });
        ferry.run(plan, new RunControl(), e -> { });
        ferry.rollback(plan, null, e -> { }); // the newer run
        AtomicReference<Object> concurrent = new AtomicReference<>();
        try (SplitEngine other = SplitEngine.connect(uri).withCompiler(p -> TestPlans.MAPPER).withLeaseTtl(Duration.ofSeconds(1))) {
            ferry.rollback(plan, null, e -> { // the older run, slow (large run): 1.5 s into its undo…
                if (e instanceof RunEvent.UndoProgress u && concurrent.get() == null) {
                    try {
                        Thread.sleep(1500);
                    } catch (InterruptedException ie) {
                        throw new RuntimeException(ie);
                    }
                    concurrent.set(tryRun(other, plan)); // …another console runs the plan
                }
            });
        }
        Object c = concurrent.get();
        assertThat(c).isInstanceOf(LeaseHeldException.class);
    }
}
