package dev.ferry.transform;

/**
 * One compiled field rule: produces a target value from the record in scope. Implementations are immutable and
 * so safe to share between threads; per-record state lives in the {@link MappingScope}.
 */
interface FieldTransform {

    /** Returned when the field is to be left out of the target (missing source, false condition). */
    Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "absent";
        }
    };

    /**
     * The value, possibly null, or {@link #ABSENT}.
     *
     * @throws TransformException when the value cannot be produced; the field is reported and left out
     */
    Object apply(MappingScope scope);
}
