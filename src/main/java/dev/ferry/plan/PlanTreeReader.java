package dev.ferry.plan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Walks Jackson's streaming parser (YAML or JSON) into a {@link PlanNode} tree that keeps the line and column
 * of every node. Jackson's tree model drops locations, which is why the walk is done by hand.
 */
final class PlanTreeReader {
    private static final JsonFactory JSON = new JsonFactory();
    private static final YAMLFactory YAML = new YAMLFactory();

    private final PlanProblems problems;

    PlanTreeReader(PlanProblems problems) {
        this.problems = problems;
    }

    /** The root node, or empty after recording a syntax error. */
    Optional<PlanNode> read(String text, boolean json) {
        try (JsonParser parser = (json ? JSON : YAML).createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.at(1, 1, "", "the plan file is empty");
                return Optional.empty();
            }
            return Optional.of(node(parser, ""));
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
                // SnakeYAML says what it expected and where, better than Jackson's first line.
                String context = yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")";
                problems.at(yaml.getProblemMark().getLine() + 1, yaml.getProblemMark().getColumn() + 1, "",
                        "syntax error: " + firstLine(yaml.getProblem()) + context);
                return Optional.empty();
            }
            JsonLocation at = e.getLocation();
            int line = at == null ? 1 : Math.max(1, at.getLineNr());
            int column = at == null ? 1 : Math.max(1, at.getColumnNr());
            problems.at(line, column, "", "syntax error: " + firstLine(e.getOriginalMessage()));
            return Optional.empty();
        } catch (IOException e) {
            problems.at(1, 1, "", "cannot read the plan: " + e.getMessage());
            return Optional.empty();
        }
    }

    private PlanNode node(JsonParser p, String path) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        JsonToken token = p.currentToken();
        return switch (token) {
            case START_OBJECT -> map(p, path, line, column);
            case START_ARRAY -> list(p, path, line, column);
            case VALUE_STRING -> new PlanNode.Scalar(p.getText(), line, column);
            case VALUE_NUMBER_INT -> new PlanNode.Scalar(p.getNumberValue(), line, column);
            case VALUE_NUMBER_FLOAT -> new PlanNode.Scalar(p.getDoubleValue(), line, column);
            case VALUE_TRUE, VALUE_FALSE -> new PlanNode.Scalar(p.getBooleanValue(), line, column);
            case VALUE_NULL -> new PlanNode.Scalar(null, line, column);
            default -> new PlanNode.Scalar(p.getText(), line, column);
        };
    }

    private PlanNode map(JsonParser p, String path, int line, int column) throws IOException {
        List<PlanNode.Entry> entries = new ArrayList<>();
        Map<String, PlanNode.Entry> seen = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonLocation keyAt = p.currentTokenLocation();
            p.nextToken();
            String childPath = path.isEmpty() ? key : path + "." + key;
            PlanNode.Entry entry = new PlanNode.Entry(key, keyAt.getLineNr(), keyAt.getColumnNr(), node(p, childPath));
            PlanNode.Entry earlier = seen.putIfAbsent(key, entry);
            if (earlier != null) {
                // A second mapping to the same key would silently win in most YAML tools; here it is an error.
                problems.at(entry, childPath, "duplicate key '" + key + "' (first given at line " + earlier.line() + ")");
            } else {
                entries.add(entry);
            }
        }
        return new PlanNode.MapNode(entries, line, column);
    }

    private PlanNode list(JsonParser p, String path, int line, int column) throws IOException {
        List<PlanNode> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            items.add(node(p, path + "[" + items.size() + "]"));
        }
        return new PlanNode.ListNode(items, line, column);
    }

    private static String firstLine(String message) {
        String text = message == null ? "unreadable" : message.strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline).strip();
    }
}
