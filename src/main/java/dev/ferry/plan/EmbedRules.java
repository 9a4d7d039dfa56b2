package dev.ferry.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The embed rules of a plan as a tree: those of the targets' fields hang from the source record, and those of an embed
 * rule's fields from its related records — which is the order their records are fetched in, a batch at a time.
 */
public final class EmbedRules {

    /** An embed rule and the embed rules of its own fields. */
    public record Node(FieldRule.Embed rule, List<Node> children) {
        public Node {
            children = List.copyOf(children);
        }
    }

    private EmbedRules() {
    }

    /** The embed rules that read the source record's fields, each with those nested in it. */
    public static List<Node> of(Plan plan) {
        List<Node> roots = new ArrayList<>();
        plan.targets().forEach(t -> roots.addAll(in(t.fields())));
        return roots;
    }

    private static List<Node> in(Map<String, FieldRule> fields) {
        List<Node> nodes = new ArrayList<>();
        fields.values().forEach(rule -> nodes.addAll(in(rule)));
        return nodes;
    }

    /** A rule's embeds: itself, or those among a coalesce's candidates. */
    private static List<Node> in(FieldRule rule) {
        if (rule instanceof FieldRule.Embed embed) {
            return List.of(new Node(embed, embed.fields() == null ? List.of() : in(embed.fields())));
        }
        List<Node> nodes = new ArrayList<>();
        if (rule instanceof FieldRule.Coalesce c) {
            c.candidates().forEach(candidate -> nodes.addAll(in(candidate)));
        }
        return nodes;
    }
}
