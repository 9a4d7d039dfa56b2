package dev.ferry.plan;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A plan file's bytes as text: strict UTF-8, so a file saved as Latin-1 or UTF-16 is refused with the place of the
 * first bad byte instead of being read with replacement characters (names that silently differ from the file).
 */
final class PlanText {

    private PlanText() {
    }

    static String decode(byte[] bytes, String fileName) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            String text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            int bad = firstBadByte(bytes);
            String upTo = new String(bytes, 0, bad, StandardCharsets.UTF_8);
            int line = 1 + (int) upTo.chars().filter(c -> c == '\n').count();
            int column = upTo.length() - upTo.lastIndexOf('\n');
            throw new PlanException(List.of(new PlanError(fileName, line, column, "", String.format(
                    "the plan file is not valid UTF-8 (byte 0x%02X); save it as UTF-8 and load it again",
                    bytes[bad] & 0xff))));
        }
    }

    private static int firstBadByte(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        return Math.min(in.position(), bytes.length - 1);
    }
}
