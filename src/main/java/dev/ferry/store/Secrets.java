package dev.ferry.store;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Removes credentials from connection strings and messages before they are logged, journalled or shown. */
public final class Secrets {

    private static final Pattern SCHEME = Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://");
    private static final Pattern PARAMETER = Pattern.compile(
            // a value runs to the next "&key=" (or ";key="): an unencoded & inside a password stays hidden
            "(?i)(password|pwd|passwd|secret|token|sslpassword|authMechanismProperties)="
                    + "((?:[^&;\\s]|[&;](?![A-Za-z0-9_.-]+=))*)");

    private Secrets() {
    }

    /**
     * {@code mongodb://alice:s3cret@host/db} becomes {@code mongodb://alice:***@host/db}. The password ends at the last
     * {@code @} before the host, so one holding {@code @}, {@code /} or a space (unescaped, as people type them) is
     * hidden whole; password-like query parameters are hidden too.
     */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        Matcher scheme = SCHEME.matcher(text);
        int done = 0;
        while (scheme.find(done)) {
            int start = scheme.end();
            int next = scheme.find(start) ? scheme.start() : text.length();
            int lineEnd = text.indexOf('\n', start);
            int end = lineEnd >= 0 && lineEnd < next ? lineEnd : next;
            int at = text.lastIndexOf('@', end - 1);
            out.append(text, done, start);
            if (at >= start) {
                String userInfo = text.substring(start, at);
                int colon = userInfo.indexOf(':');
                out.append(colon < 0 ? userInfo : userInfo.substring(0, colon) + ":***");
                done = at;
            } else {
                done = start;
            }
            if (end >= text.length()) {
                break;
            }
        }
        out.append(text.substring(done));
        return PARAMETER.matcher(out).replaceAll("$1=***");
    }
}
