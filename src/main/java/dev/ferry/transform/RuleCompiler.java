package dev.ferry.transform;

import dev.ferry.plan.FieldRule;
import dev.ferry.plan.RuleOptions;
import java.util.Map;

/**
 * Compiles a {@link FieldRule} into its transform, wrapped by the rule's options in a fixed order: the condition
 * first (a field that is left out is not computed), then default, required, and last the conversion.
 */
final class RuleCompiler {

    private RuleCompiler() {
    }

    static FieldTransform compile(FieldRule rule) {
        FieldTransform transform = base(rule);
        RuleOptions options = rule.options();
        RuleOrigin origin = origin(rule);
        if (options.hasDefault()) {
            transform = new DefaultTransform(transform, options.defaultValue());
        }
        if (options.required()) {
            transform = new RequiredTransform(transform, origin);
        }
        if (options.convert() != null) {
            transform = new ConvertTransform(transform, options.convert(), origin);
        }
        if (options.when() != null) {
            transform = new WhenTransform(transform, options.when());
        }
        return transform;
    }

    static CompiledFields compileFields(Map<String, FieldRule> rules) {
        return new CompiledFields(rules);
    }

    private static FieldTransform base(FieldRule rule) {
        if (rule instanceof FieldRule.From r) {
            return new CopyTransform(r.path());
        } else if (rule instanceof FieldRule.Coalesce r) {
            return new CoalesceTransform(r.candidates().stream().map(RuleCompiler::compile).toList());
        } else if (rule instanceof FieldRule.Generate r) {
            if (!"uuid".equals(r.kind())) {
                throw new IllegalArgumentException("unknown generator '" + r.kind() + "'");
            }
            return new GenerateUuidTransform();
        } else if (rule instanceof FieldRule.Template r) {
            return new TemplateTransform(r.template());
        } else if (rule instanceof FieldRule.Expr r) {
            return new ExpressionTransform(r.expression());
        } else if (rule instanceof FieldRule.Value r) {
            return new ConstantTransform(r.value());
        } else if (rule instanceof FieldRule.Each r) {
            return new EachTransform(r.path(), r.fields() == null ? null : compileFields(r.fields()),
                    r.element() == null ? null : compile(r.element()), r.filter(), ElementReads.value(r));
        } else if (rule instanceof FieldRule.Index r) {
            return new IndexTransform(r.offset());
        } else if (rule instanceof FieldRule.Embed r) {
            return new EmbedTransform(r.id(), r.relation(), r.many(),
                    r.fields() == null ? null : compileFields(r.fields()));
        }
        throw new IllegalArgumentException("unknown rule " + rule);
    }

    private static RuleOrigin origin(FieldRule rule) {
        if (rule instanceof FieldRule.From r) {
            return scope -> "source field '" + scope.sourcePath(r.path()) + "'";
        } else if (rule instanceof FieldRule.Coalesce r) {
            return scope -> "coalesce " + r.candidates().stream().map(c -> origin(c).describe(scope)).toList();
        } else if (rule instanceof FieldRule.Expr r) {
            return scope -> "expression '" + r.expression() + "'";
        } else if (rule instanceof FieldRule.Each r) {
            return scope -> "source field '" + scope.sourcePath(r.path()) + "'";
        } else if (rule instanceof FieldRule.Template r) {
            return scope -> "template \"" + r.template() + "\"";
        } else if (rule instanceof FieldRule.Embed r) {
            return scope -> "the related records of " + r.relation();
        }
        return scope -> "the value of " + scope.fieldPath();
    }
}
