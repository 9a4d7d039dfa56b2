package dev.ferry.plan;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Adds {@code field: { from: path }} to a target's {@code fields:} in a plan's text, as a person would type it: after
 * the target's last rule (its comments and continuation lines included), at the indentation of its rules, so every
 * other byte of the text (comments, order, spacing) stays as it was.
 */
public final class RuleInsertion {

    /** Text put at {@code offset}; nothing is removed. */
    public record Edit(int offset, String inserted) {
        public String applyTo(String text) {
            return text.substring(0, offset) + inserted + text.substring(offset);
        }
    }

    private final String text;
    private final String fileName;
    private final boolean json;
    private final TextLines lines;

    private RuleInsertion(String text, String fileName) {
        this.text = text;
        this.fileName = fileName;
        this.json = fileName.toLowerCase(Locale.ROOT).endsWith(".json");
        this.lines = new TextLines(text);
    }

    /**
     * The edit that adds a rule copying {@code from} (a dotted source path) into {@code field} of the target named
     * {@code target} (its collection or table).
     *
     * @throws PlanException when the text does not parse, names no such target, has no {@code fields:} map for it,
     *                       or already has a rule for {@code field} (where, and what to do)
     */
    public static Edit addRule(String text, String fileName, String target, String field, String from) {
        if (field == null || field.isBlank() || from == null || from.isBlank()) {
            throw new PlanException(List.of(new PlanError(fileName, 0, 0, "", "name the target field and pick the"
                    + " source field to add a rule")));
        }
        return new RuleInsertion(text, fileName).add(target, field.strip(), from.strip());
    }

    private Edit add(String target, String field, String from) {
        PlanProblems problems = new PlanProblems(fileName);
        Optional<PlanNode> root = new PlanTreeReader(problems).read(text, json);
        if (root.isEmpty()) {
            problems.throwIfAny();
        }
        PlanNode.ListNode targets = root.filter(r -> r instanceof PlanNode.MapNode).map(r -> (PlanNode.MapNode) r)
                .flatMap(m -> m.entry("targets")).map(PlanNode.Entry::value)
                .filter(v -> v instanceof PlanNode.ListNode).map(v -> (PlanNode.ListNode) v)
                .orElseThrow(() -> refused(1, 1, "targets", "the plan has no list of targets to add a rule to"));
        for (int i = 0; i < targets.items().size(); i++) {
            if (targets.items().get(i) instanceof PlanNode.MapNode item && target.equals(name(item))) {
                return addTo(item, "targets[" + i + "]", field, from);
            }
        }
        throw refused(targets.line(), targets.column(), "targets", "no target is named '" + target
                + "'; the plan's targets are " + targets.items().stream().map(t -> t instanceof PlanNode.MapNode m
                ? name(m) : "?").toList());
    }

    private Edit addTo(PlanNode.MapNode item, String path, String field, String from) {
        PlanNode.Entry fieldsEntry = item.entry("fields").orElseThrow(() -> refused(item.line(), item.column(), path,
                "this target has no 'fields:' to add the rule to; add 'fields:' under it first"));
        if (!(fieldsEntry.value() instanceof PlanNode.MapNode fields)) {
            throw refused(fieldsEntry.line(), fieldsEntry.column(), path + ".fields", "'fields' is not a map of"
                    + " rules; write one rule a line under it first");
        }
        fields.entry(field).ifPresent(existing -> {
            throw refused(existing.line(), existing.column(), path + ".fields." + field, "this target already has"
                    + " a rule for '" + field + "' (line " + existing.line() + "); choose another target field name");
        });
        int start = lines.offset(fields.line(), fields.column());
        boolean flow = start < text.length() && text.charAt(start) == '{';
        return flow ? intoFlow(fields, start, field, from) : intoBlock(fields, field, from);
    }

    /** A block map: a new line after the last rule's block, at the rules' indentation. */
    private Edit intoBlock(PlanNode.MapNode fields, String field, String from) {
        PlanNode.Entry last = fields.entries().get(fields.entries().size() - 1);
        int indent = last.column() - 1;
        int end = last.line();
        for (int line = last.line() + 1; line <= lines.count(); line++) {
            String content = lines.line(line);
            if (content.isBlank()) {
                continue;
            }
            if (TextLines.indentOf(content) <= indent) {
                break;
            }
            end = line; // a continuation or a comment of the last rule, indented under it
        }
        int at = lines.endOf(end);
        String entry = " ".repeat(indent) + entry(field, from);
        return at < text.length() ? new Edit(at + 1, entry + "\n")
                : new Edit(at, (text.endsWith("\n") ? "" : "\n") + entry + "\n");
    }

    /** A flow map ({@code { a: {...} }}, and every JSON object): before its closing brace. */
    private Edit intoFlow(PlanNode.MapNode fields, int open, String field, String from) {
        int close = FlowBrackets.closing(text, open);
        if (close < 0) {
            throw refused(fields.line(), fields.column(), "fields", "the '{' of the fields has no closing '}'");
        }
        String body = text.substring(open + 1, close);
        if (body.isBlank()) {
            return new Edit(open + 1, json ? entry(field, from) : " " + entry(field, from) + " ");
        }
        int lastChar = close - 1;
        while (Character.isWhitespace(text.charAt(lastChar))) {
            lastChar--;
        }
        if (body.indexOf('\n') >= 0) {
            PlanNode.Entry last = fields.entries().get(fields.entries().size() - 1);
            return new Edit(lastChar + 1, ",\n" + " ".repeat(last.column() - 1) + entry(field, from));
        }
        return new Edit(lastChar + 1, ", " + entry(field, from));
    }

    private String entry(String field, String from) {
        return json ? quoted(field) + ": { " + quoted("from") + ": " + quoted(from) + " }"
                : scalar(field) + ": { from: " + scalar(from) + " }";
    }

    private static String name(PlanNode.MapNode target) {
        return target.entry("collection").or(() -> target.entry("table")).map(PlanNode.Entry::value)
                .filter(v -> v instanceof PlanNode.Scalar).map(v -> String.valueOf(((PlanNode.Scalar) v).value()))
                .orElse("?");
    }

    /** A YAML scalar written plain when it reads back as the same string, double-quoted otherwise. */
    static String scalar(String value) {
        boolean plain = value.matches("[A-Za-z_][A-Za-z0-9_.\\-]*")
                && !List.of("true", "false", "null", "yes", "no", "on", "off", "y", "n")
                .contains(value.toLowerCase(Locale.ROOT));
        return plain ? value : quoted(value);
    }

    private static String quoted(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private PlanException refused(int line, int column, String path, String message) {
        return new PlanException(List.of(new PlanError(fileName, line, column, path, message)));
    }
}
