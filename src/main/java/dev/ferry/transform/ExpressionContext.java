package dev.ferry.transform;

import org.apache.commons.jexl3.JexlContext;

/**
 * The variables an expression sees: the fields of the record in scope (read-only), and inside {@code each} the
 * element's position as {@code index}.
 */
final class ExpressionContext implements JexlContext {
    static final String INDEX = "index";

    private final MappingScope scope;

    ExpressionContext(MappingScope scope) {
        this.scope = scope;
    }

    @Override
    public Object get(String name) {
        if (isIndex(name)) {
            return scope.index();
        }
        return scope.data().get(name);
    }

    @Override
    public void set(String name, Object value) {
        // The grammar has no assignment; this guards the source record should a path ever reach here.
        throw new UnsupportedOperationException("expressions cannot change the record");
    }

    /** Every name is known: a field missing from this record reads as null, as in a sparse collection. */
    @Override
    public boolean has(String name) {
        return true;
    }

    private boolean isIndex(String name) {
        return scope.index() >= 0 && INDEX.equals(name) && !scope.data().containsKey(INDEX);
    }
}
