package dev.ferry.engine.postgres.uuidkey;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;

/** A table definition's lines as the journal keeps them: a JSON array (a line may hold a newline). */
final class DefinitionJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DefinitionJson() {
    }

    static String write(List<String> lines) {
        try {
            return JSON.writeValueAsString(lines);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a table definition", e);
        }
    }

    static List<String> read(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("the journal holds an unreadable table definition: " + e.getMessage(), e);
        }
    }
}
