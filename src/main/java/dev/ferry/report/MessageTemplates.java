package dev.ferry.report;

import dev.ferry.FerryException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The messages' templates: the operator's own from a folder (default {@code ~/.ferry/messages}) when it has the file,
 * else the ones Ferry ships (runbook 000's wording). {@code {name}} is a value Ferry fills; anything else, such as
 * {@code [DATE]}, is left for the operator.
 */
public final class MessageTemplates {

    private static final Pattern PLACE = Pattern.compile("\\{([a-z_]+)}");

    private final Path folder;

    /** @param folder where the operator's templates are; null: only Ferry's own */
    public MessageTemplates(Path folder) {
        this.folder = folder;
    }

    public static Path defaultFolder() {
        return Path.of(System.getProperty("user.home"), ".ferry", "messages");
    }

    /** The template's text and where it came from. */
    public record Template(String text, String origin) {
    }

    public Template template(RunMessage message) {
        if (folder != null) {
            Path own = folder.resolve(message.fileName());
            if (Files.isRegularFile(own)) {
                try {
                    return new Template(Files.readString(own, StandardCharsets.UTF_8), own.toString());
                } catch (IOException e) {
                    throw new FerryException("Cannot read the message template " + own + ": " + e.getMessage()
                            + ". Fix its permissions, or remove it to use Ferry's own.", e);
                }
            }
        }
        try (InputStream in = MessageTemplates.class.getResourceAsStream("/messages/" + message.fileName())) {
            if (in == null) {
                throw new FerryException("Ferry's message template " + message.fileName() + " is missing from the"
                        + " build.");
            }
            return new Template(new String(in.readAllBytes(), StandardCharsets.UTF_8), "Ferry's " + message.fileName());
        } catch (IOException e) {
            throw new FerryException("Cannot read Ferry's message template " + message.fileName() + ".", e);
        }
    }

    /** The template with every {@code {name}} filled; a name Ferry has no value for is refused with its line. */
    public static String fill(Template t, Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        String[] lines = t.text().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = PLACE.matcher(lines[i]);
            StringBuilder line = new StringBuilder();
            while (m.find()) {
                String value = values.get(m.group(1));
                if (value == null) {
                    throw new FerryException(t.origin() + ":" + (i + 1) + ": {" + m.group(1) + "} is not a value"
                            + " Ferry fills; use one of " + String.join(", ", new java.util.TreeSet<>(values.keySet())
                            .stream().map(k -> "{" + k + "}").toList()) + ".");
                }
                m.appendReplacement(line, Matcher.quoteReplacement(value));
            }
            m.appendTail(line);
            out.append(line);
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }
}
