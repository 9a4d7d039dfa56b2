package dev.ferry.plan;

import dev.ferry.expr.ExpressionProblem;
import dev.ferry.expr.ExpressionSandbox;
import java.util.List;

/** Checks a plan's expression where it is written, reporting each problem at its line and column in the file. */
final class ExpressionLint {

    private ExpressionLint() {
    }

    /** True when the expression is fine; otherwise its problems are reported and false returned. */
    static boolean accepts(PlanProblems problems, String expression, PlanNode node, String path, boolean condition) {
        List<ExpressionProblem> found = ExpressionSandbox.problems(expression, condition);
        for (ExpressionProblem p : found) {
            problems.inside(node, p.line(), p.column(), path, "bad expression '" + expression + "': " + p.message());
        }
        return found.isEmpty();
    }
}
