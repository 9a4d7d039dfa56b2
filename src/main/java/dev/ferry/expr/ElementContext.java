package dev.ferry.expr;

import java.util.Map;
import org.apache.commons.jexl3.JexlContext;

/**
 * What a {@code filter} condition sees for one element: the element's own fields when it is a document, the element
 * itself as {@code value} and its position as {@code index} (an element's own field of that name wins).
 */
final class ElementContext implements JexlContext {
    private final Object element;
    private final int index;

    ElementContext(Object element, int index) {
        this.element = element;
        this.index = index;
    }

    @Override
    public Object get(String name) {
        if (element instanceof Map<?, ?> fields && fields.containsKey(name)) {
            return fields.get(name);
        }
        if ("value".equals(name)) {
            return element;
        }
        return "index".equals(name) ? index : null;
    }

    @Override
    public void set(String name, Object value) {
        throw new UnsupportedOperationException("conditions cannot change the element");
    }

    /** Every name is known: a field an element lacks reads as null. */
    @Override
    public boolean has(String name) {
        return true;
    }
}
