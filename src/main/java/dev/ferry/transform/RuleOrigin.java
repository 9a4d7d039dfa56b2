package dev.ferry.transform;

/** Names where a rule's value comes from, for error messages ("source field 'transformation_history[2].timestamp'"). */
@FunctionalInterface
interface RuleOrigin {

    String describe(MappingScope scope);
}
