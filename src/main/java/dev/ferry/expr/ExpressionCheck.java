package dev.ferry.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.internal.Debugger;
import org.apache.commons.jexl3.parser.ASTArguments;
import org.apache.commons.jexl3.parser.ASTArrayLiteral;
import org.apache.commons.jexl3.parser.ASTFalseNode;
import org.apache.commons.jexl3.parser.ASTFunctionNode;
import org.apache.commons.jexl3.parser.ASTIdentifier;
import org.apache.commons.jexl3.parser.ASTIdentifierAccess;
import org.apache.commons.jexl3.parser.ASTJexlScript;
import org.apache.commons.jexl3.parser.ASTMapLiteral;
import org.apache.commons.jexl3.parser.ASTMethodNode;
import org.apache.commons.jexl3.parser.ASTNullLiteral;
import org.apache.commons.jexl3.parser.ASTNumberLiteral;
import org.apache.commons.jexl3.parser.ASTStringLiteral;
import org.apache.commons.jexl3.parser.ASTTrueNode;
import org.apache.commons.jexl3.parser.ASTUnaryMinusNode;
import org.apache.commons.jexl3.parser.JexlNode;
import org.apache.commons.jexl3.parser.Parser;
import org.apache.commons.jexl3.parser.StringProvider;

/**
 * Reads an expression's syntax tree the way lint does: every function call checked against the catalog (name,
 * arity, literal arguments), method calls and namespaces refused with the function to use instead. It also finds
 * the call sites the sandbox routes to the library. The tree is only read, never evaluated.
 */
final class ExpressionCheck {
    /** Common method names from other languages, and the function that does the same here. */
    private static final Map<String, String> METHOD_TO_FUNCTION = Map.ofEntries(
            Map.entry("toUpperCase", "upper"), Map.entry("toLowerCase", "lower"), Map.entry("strip", "trim"),
            Map.entry("substr", "substring"), Map.entry("replaceAll", "regex_replace"),
            Map.entry("padStart", "pad_left"), Map.entry("padEnd", "pad_right"), Map.entry("matches", "regex_match"),
            Map.entry("toFixed", "round"), Map.entry("length", "size"), Map.entry("isEmpty", "empty"),
            Map.entry("format", "format_date"), Map.entry("parse", "parse_date"));
    private static final Pattern NAMESPACE_LOOK_ALIKE =
            Pattern.compile("([A-Za-z_$][A-Za-z0-9_$]*)\\s*:\\s*([A-Za-z_$][A-Za-z0-9_$]*)\\s*\\(");

    /** The problems, the library call sites, and the text the sandbox compiles (calls routed to the library). */
    record Result(List<ExpressionProblem> problems, List<CallSite> calls, String routed) { }

    private final String source;
    private final List<ExpressionProblem> problems = new ArrayList<>();
    private final List<CallSite> calls = new ArrayList<>();

    private ExpressionCheck(String source) {
        this.source = source;
    }

    static Result analyse(String source) {
        ASTJexlScript script;
        try {
            script = new Parser(new StringProvider(";")).parse(null, ExpressionSandbox.features(true), source, null);
        } catch (JexlException e) {
            int line = e.getInfo() == null ? 1 : e.getInfo().getLine();
            int column = e.getInfo() == null ? 1 : e.getInfo().getColumn();
            return new Result(List.of(new ExpressionProblem(line, column, ExpressionSandbox.explain(e)
                    + ternaryHint(source))), List.of(), source);
        }
        ExpressionCheck check = new ExpressionCheck(source);
        check.visit(script);
        return new Result(List.copyOf(check.problems), List.copyOf(check.calls), check.routed());
    }

    private void visit(JexlNode node) {
        if (node instanceof ASTFunctionNode) {
            function(node);
        } else if (node instanceof ASTMethodNode) {
            method(node);
        }
        for (int i = 0; i < node.jjtGetNumChildren(); i++) {
            visit(node.jjtGetChild(i));
        }
    }

    private void function(JexlNode node) {
        ASTIdentifier name = (ASTIdentifier) node.jjtGetChild(0);
        ASTArguments args = (ASTArguments) node.jjtGetChild(1);
        if (name.getNamespace() != null) {
            problem(name, "'" + name.getNamespace() + ":" + name.getName() + "(…)' calls a namespace, which plans do"
                    + " not have; if this is the else branch of a condition (a ? b : f(x)), put the call in"
                    + " parentheses: a ? b : (f(x))");
            return;
        }
        var spec = FunctionCatalog.find(name.getName());
        if (spec.isEmpty()) {
            problem(name, "unknown function '" + name.getName() + "'"
                    + FunctionCatalog.hint(name.getName())
                    + "; the functions are listed in the README (The plan format: functions)");
            return;
        }
        FunctionSpec f = spec.get();
        int given = args.jjtGetNumChildren();
        if (given < f.minArity() || given > f.maxArity()) {
            problem(name, f.name() + " takes " + f.arity() + " (" + f.signature() + "), got " + given);
            return;
        }
        List<String> written = new ArrayList<>();
        for (int i = 0; i < given; i++) {
            JexlNode arg = args.jjtGetChild(i);
            written.add(new Debugger().data(arg));
            argument(f, i, arg);
        }
        calls.add(new CallSite(f.name(), name.getLine(), name.getColumn(), written));
    }

    /** Checks an argument written as a literal against what the parameter takes. */
    private void argument(FunctionSpec f, int index, JexlNode arg) {
        FunctionSpec.Param param = f.param(index);
        Object literal = literal(arg);
        if (literal == NOT_LITERAL) {
            if (param.kind() == FunctionSpec.Kind.CONDITION) {
                problem(arg, f.name() + ": the " + param.name() + " must be written in quotes, e.g. 'rating >= 4',"
                        + " so that it can be checked before the run");
            }
            return;
        }
        String wrong = wrongLiteral(param.kind(), literal, index == 0);
        if (wrong != null) {
            problem(arg, f.name() + ": " + param.name() + " (argument " + (index + 1) + ") " + wrong);
        } else if (param.kind() == FunctionSpec.Kind.CONDITION) {
            for (ExpressionProblem inner : ExpressionSandbox.problems((String) literal, true)) {
                problem(arg, f.name() + ": in the condition '" + literal + "': " + inner.message());
            }
        }
    }

    private static final Object NOT_LITERAL = new Object();

    /** The value of a literal argument (a negative number too), or {@link #NOT_LITERAL}. */
    private static Object literal(JexlNode arg) {
        if (arg instanceof ASTStringLiteral s) {
            return s.getLiteral();
        }
        if (arg instanceof ASTNumberLiteral n) {
            return n.getLiteral();
        }
        if (arg instanceof ASTUnaryMinusNode minus && minus.jjtGetNumChildren() == 1
                && minus.jjtGetChild(0) instanceof ASTNumberLiteral n) {
            return n.isInteger() ? (Object) (-n.getLiteral().longValue()) : (Object) (-n.getLiteral().doubleValue());
        }
        if (arg instanceof ASTNullLiteral) {
            return null;
        }
        if (arg instanceof ASTTrueNode || arg instanceof ASTFalseNode) {
            return arg instanceof ASTTrueNode;
        }
        if (arg instanceof ASTArrayLiteral) {
            return List.of();
        }
        return arg instanceof ASTMapLiteral ? Map.of() : NOT_LITERAL;
    }

    /** Why a literal cannot be this parameter, or null. A null first argument is data (the result is null). */
    private static String wrongLiteral(FunctionSpec.Kind kind, Object literal, boolean first) {
        if (literal == null) {
            return first || kind == FunctionSpec.Kind.ANY || kind == FunctionSpec.Kind.SCALAR ? null : "is null";
        }
        boolean text = literal instanceof String;
        boolean number = literal instanceof Number;
        boolean whole = literal instanceof Integer || literal instanceof Long;
        String expected = "should be " + kind.words() + ", got " + shown(literal);
        return switch (kind) {
            case TEXT -> text ? null : expected;
            case NUMBER -> number ? null : expected;
            case WHOLE -> whole ? null : expected;
            case DATE -> expected + (text ? " (parse_date(text, pattern) makes a date of text)" : "");
            case ARRAY -> literal instanceof List<?> ? null : expected;
            case MAP -> literal instanceof Map<?, ?> ? null : expected;
            case SCALAR -> literal instanceof List<?> || literal instanceof Map<?, ?> ? expected : null;
            case ANY -> null;
            case DATE_PATTERN -> !text ? expected : DateFunctions.patternProblem((String) literal);
            case ZONE -> !text ? expected : DateFunctions.zoneProblem((String) literal);
            case REGEX -> !text ? expected : regexProblem((String) literal);
            case ROUNDING -> !text ? expected : NumberFunctions.MODES.containsKey(literal) ? null
                    : "'" + literal + "' is not a rounding mode" + ClosestName.hint((String) literal,
                    NumberFunctions.MODES.keySet()) + "; one of " + String.join(", ",
                    new java.util.TreeSet<>(NumberFunctions.MODES.keySet()));
            case CONDITION -> text ? null : expected;
        };
    }

    private static String regexProblem(String regex) {
        try {
            Pattern.compile(regex);
            return null;
        } catch (PatternSyntaxException e) {
            return "is not a valid regular expression: " + e.getDescription() + " near position " + e.getIndex();
        }
    }

    private static String shown(Object literal) {
        if (literal instanceof String s) {
            return "'" + s + "'";
        }
        if (literal instanceof List<?>) {
            return "an array";
        }
        return literal instanceof Map<?, ?> ? "a document" : String.valueOf(literal);
    }

    /** {@code x.replace(' ', 'T')}: refused, naming the function that does it and the call to write. */
    private void method(JexlNode node) {
        String name = null;
        String arguments = "";
        for (int i = 0; i < node.jjtGetNumChildren(); i++) {
            JexlNode child = node.jjtGetChild(i);
            if (child instanceof ASTIdentifierAccess access && name == null) {
                name = access.getName();
            } else if (child instanceof ASTArguments args && arguments.isEmpty()) {
                List<String> written = new ArrayList<>();
                for (int a = 0; a < args.jjtGetNumChildren(); a++) {
                    written.add(new Debugger().data(args.jjtGetChild(a)));
                }
                arguments = String.join(", ", written);
            }
        }
        String target = targetText(node);
        String function = name == null ? null : FunctionCatalog.find(name).map(FunctionSpec::name)
                .orElse(METHOD_TO_FUNCTION.get(name));
        String advice = function == null
                ? "use a function instead (see the README's function table)"
                : "write " + function + "(" + target + (arguments.isEmpty() ? "" : ", " + arguments) + ")";
        problem(node, "method calls are not allowed in plan expressions ('" + target + "." + name + "(…)'): " + advice);
    }

    /** The text the method is called on: from the start of the enclosing reference up to the method's dot. */
    private String targetText(JexlNode method) {
        JexlNode parent = method.jjtGetParent();
        int end = offset(method.getLine(), method.getColumn());
        int start = parent == null ? 0 : offset(parent.getLine(), parent.getColumn());
        return start >= 0 && end > start && end <= source.length() ? source.substring(start, end).strip() : "…";
    }

    private void problem(JexlNode node, String message) {
        problems.add(new ExpressionProblem(Math.max(1, node.getLine()), Math.max(1, node.getColumn()), message));
    }

    /** The source with every library call prefixed by the sandbox's namespace, so a field never shadows a function. */
    private String routed() {
        StringBuilder out = new StringBuilder(source);
        List<Integer> offsets = calls.stream().map(c -> offset(c.line(), c.column())).sorted().toList();
        for (int i = offsets.size() - 1; i >= 0; i--) {
            out.insert(offsets.get(i), ExpressionSandbox.NAMESPACE + ":");
        }
        return out.toString();
    }

    /** The character offset of a parser line and column (both from 1; \r\n, \n and \r end lines). */
    private int offset(int line, int column) {
        int at = 0;
        for (int l = 1; l < line && at < source.length(); l++) {
            int n = source.indexOf('\n', at);
            int r = source.indexOf('\r', at);
            int end = n < 0 ? r : r < 0 ? n : Math.min(n, r);
            if (end < 0) {
                return source.length();
            }
            at = end + (source.startsWith("\r\n", end) ? 2 : 1);
        }
        return Math.min(source.length(), at + column - 1);
    }

    /** JEXL reads {@code a ? b : f(x)} as a call of f in namespace b; say how to write it. */
    private static String ternaryHint(String source) {
        Matcher m = NAMESPACE_LOOK_ALIKE.matcher(source);
        while (m.find()) {
            if (FunctionCatalog.names().contains(m.group(2))) {
                return "; if '" + m.group(0) + "' is the else branch of a condition, put the call in parentheses: "
                        + m.group(1) + " : (" + m.group(2) + "(…))";
            }
        }
        return "";
    }
}
