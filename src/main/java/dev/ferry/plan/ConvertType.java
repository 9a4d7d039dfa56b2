package dev.ferry.plan;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The types a rule's {@code convert} option can turn a value into. */
public enum ConvertType {
    UUID, STRING, DATE, NUMBER, INT, LONG, DOUBLE, DECIMAL, BOOLEAN;

    /** The name used in plan files. */
    public String planName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ConvertType> fromPlanName(String name) {
        return Arrays.stream(values()).filter(t -> t.planName().equals(name)).findFirst();
    }

    public static List<String> planNames() {
        return Arrays.stream(values()).map(ConvertType::planName).toList();
    }
}
