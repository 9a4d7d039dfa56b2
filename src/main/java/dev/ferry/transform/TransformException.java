package dev.ferry.transform;

/** A field that could not be produced; becomes a {@link FieldError} of the record, never escapes the mapper. */
final class TransformException extends RuntimeException {

    TransformException(String message) {
        super(message, null, false, false);
    }
}
