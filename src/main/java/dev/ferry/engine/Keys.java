package dev.ferry.engine;

import org.bson.types.ObjectId;

/** Source keys as a person reads them: an ObjectId as its hex string, anything else as text. */
public final class Keys {

    private Keys() {
    }

    public static String display(Object key) {
        if (key instanceof ObjectId id) {
            return id.toHexString();
        }
        return String.valueOf(key);
    }
}
