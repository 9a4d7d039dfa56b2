package dev.ferry.plan;

import dev.ferry.expr.ClosestName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;

/**
 * Every source field a plan's rules read ({@code from}, {@code coalesce}, {@code each} with its {@code filter},
 * {@code when}, {@code expr}),
 * with the rule that reads it, so a field no record has ("titel" for "title") can be pointed out before it silently
 * yields nothing. Paths inside {@code each} are written {@code array[].field}, as the assessment lists fields.
 */
public final class SourcePaths {

    /** Parses only, to list an expression's variables; the sandbox still decides what an expression may do. */
    private static final JexlEngine PARSER = new JexlBuilder().antish(false).silent(false).create();

    /** A source path and the target field whose rule reads it ({@code dataset_metadata.title}). */
    public record Use(String path, String rule) { }

    private SourcePaths() {
    }

    public static List<Use> of(Plan plan) {
        Set<Use> uses = new LinkedHashSet<>();
        for (TargetSpec target : plan.targets()) {
            collect(target.id(), "", target.collection() + "._id", uses);
            String scope = "";
            if (target.fansOut()) { // the rules read the elements of the array the target fans out over
                String path = target.options().fanOut().path();
                uses.add(new Use(path, target.collection()));
                scope = path + "[].";
            }
            String inner = scope;
            target.fields().forEach((field, rule) -> collect(rule, inner, target.collection() + "." + field, uses));
        }
        return List.copyOf(uses);
    }

    private static void collect(FieldRule rule, String scope, String where, Set<Use> uses) {
        if (rule == null) {
            return;
        }
        if (rule.options() != null && rule.options().when() != null) {
            variables(rule.options().when(), scope, where, uses);
        }
        if (rule instanceof FieldRule.From from) {
            uses.add(new Use(inScope(scope, from.path()), where));
        } else if (rule instanceof FieldRule.Coalesce coalesce) {
            coalesce.candidates().forEach(c -> collect(c, scope, where, uses));
        } else if (rule instanceof FieldRule.Expr expr) {
            variables(expr.expression(), scope, where, uses);
        } else if (rule instanceof FieldRule.Embed embed) {
            // the related record's own fields are another table's; only this record's side of the match is read here
            embed.match().values().forEach(local -> uses.add(new Use(inScope(scope, local), where)));
        } else if (rule instanceof FieldRule.Each each) {
            uses.add(new Use(inScope(scope, each.path()), where));
            String inner = inScope(scope, each.path()) + "[].";
            if (each.filter() != null) {
                variables(each.filter(), inner, where, uses);
            }
            if (each.fields() != null) {
                for (Map.Entry<String, FieldRule> field : each.fields().entrySet()) {
                    collect(field.getValue(), inner, where + "[]." + field.getKey(), uses);
                }
            } else {
                collect(each.element(), inner, where + "[]", uses);
            }
        }
    }

    /**
     * A path read inside {@code each} as the assessment lists it: {@code value} is the element itself (an array of
     * scalars), so {@code tags[].value} is {@code tags[]}.
     */
    private static String inScope(String scope, String path) {
        if (scope.endsWith("[].") && (path.equals("value") || path.startsWith("value."))) {
            return scope.substring(0, scope.length() - 1) + path.substring("value".length());
        }
        return scope + path;
    }

    /** The record fields an expression reads; {@code index} inside {@code each} is the element's position. */
    private static void variables(String expression, String scope, String where, Set<Use> uses) {
        Set<List<String>> names;
        try {
            names = PARSER.createScript(expression).getVariables();
        } catch (JexlException e) {
            return; // the loader reports the expression itself
        }
        for (List<String> name : names) {
            String path = String.join(".", name);
            if (!(scope.endsWith("[].") && path.equals("index"))) {
                uses.add(new Use(inScope(scope, path), where));
            }
        }
    }

    /** The known name closest to {@code wrong}, for a "did you mean …?" hint; empty when none is close. */
    public static java.util.Optional<String> closest(String wrong, java.util.Collection<String> known) {
        return ClosestName.to(wrong, known);
    }

    /** Paths of {@code uses}, without the rules, in order. */
    public static List<String> paths(List<Use> uses) {
        List<String> out = new ArrayList<>();
        uses.forEach(u -> {
            if (!out.contains(u.path())) {
                out.add(u.path());
            }
        });
        return out;
    }
}
