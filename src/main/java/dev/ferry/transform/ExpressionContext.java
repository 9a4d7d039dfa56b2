package dev.ferry.transform;

import org.apache.commons.jexl3.JexlContext;

/**
 * The variables an expression sees: the fields of the record in scope (read-only), and inside {@code each} the
 * element itself as {@code value} and its position as {@code index} (a field of that name wins).
 */
final class ExpressionContext implements JexlContext {
    static final String INDEX = "index";
    static final String VALUE = "value";

    private final MappingScope scope;

    ExpressionContext(MappingScope scope) {
        this.scope = scope;
    }

    @Override
    public Object get(String name) {
        Object value = scope.data().get(name);
        if (value != null || scope.index() < 0 || scope.data().containsKey(name)) {
            return value;
        }
        if (INDEX.equals(name)) {
            return scope.index();
        }
        return VALUE.equals(name) ? scope.element() : null;
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
}
