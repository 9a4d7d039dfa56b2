package dev.ferry.store;

import java.util.regex.Pattern;

/** Removes credentials from connection strings and messages before they are logged, journalled or shown. */
public final class Secrets {

    private static final Pattern USER_INFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://)([^@/\\s]*)@");
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password|pwd|secret|token)=([^&;\\s]*)");

    private Secrets() {
    }

    /** {@code mongodb://alice:s3cret@host/db} becomes {@code mongodb://alice:***@host/db}. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = USER_INFO.matcher(text).replaceAll(m -> {
            String info = m.group(2);
            int colon = info.indexOf(':');
            String user = colon < 0 ? info : info.substring(0, colon);
            return java.util.regex.Matcher.quoteReplacement(m.group(1) + user + (colon < 0 ? "" : ":***") + "@");
        });
        return PASSWORD_PARAM.matcher(out).replaceAll("$1=***");
    }
}
