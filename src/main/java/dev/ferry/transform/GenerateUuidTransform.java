package dev.ferry.transform;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A generated UUID that is the same every time the record is mapped: a name-based UUID of the source key and the
 * target field path. A replayed batch, a re-validation and two targets' fields of the same name all agree.
 */
final class GenerateUuidTransform implements FieldTransform {

    @Override
    public Object apply(MappingScope scope) {
        if (scope.sourceKey() == null) {
            throw new TransformException("cannot generate a stable uuid: the record has no source key");
        }
        return uuidFor(scope.sourceKey(), scope.fieldPath());
    }

    /** The UUID text for a canonical source key and a target field path. */
    static String uuidFor(String sourceKey, String fieldPath) {
        byte[] name = ("ferry:" + sourceKey + ":" + fieldPath).getBytes(StandardCharsets.UTF_8);
        return UUID.nameUUIDFromBytes(name).toString();
    }
}
