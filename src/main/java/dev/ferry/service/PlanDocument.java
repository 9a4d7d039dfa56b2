package dev.ferry.service;

import dev.ferry.plan.BundledPlan;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A plan's text as the console's editor edits it: its file (none for the built-in plan), the text as saved (line ends
 * as {@code \n}), and how the file writes it back (CRLF, a byte-order mark), so saving changes only what was edited.
 *
 * @param diskHash the hash of the file's bytes as read or last saved, as a plan's hash is computed: a plan whose hash
 *                 is this one is this text as saved
 */
public record PlanDocument(Path file, String text, String diskHash, boolean crlf, boolean bom) {

    private static final int HASH_HEX_CHARS = 16;

    /** The document of a file's bytes; empty when they are not UTF-8 (editing them would corrupt the file). */
    public static Optional<PlanDocument> of(Path file, byte[] bytes) {
        String raw;
        try {
            raw = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        boolean bom = raw.startsWith("\uFEFF");
        String text = bom ? raw.substring(1) : raw;
        int crlfs = count(text, "\r\n");
        int lfs = count(text, "\n") - crlfs;
        // the editor's lines end in \n; a file that mostly ends its lines in \r\n gets them back on save
        return Optional.of(new PlanDocument(file, text.replace("\r\n", "\n").replace('\r', '\n'), hash(bytes),
                crlfs > lfs, bom));
    }

    /** The built-in plan: no file of its own (saving it asks where). */
    public static PlanDocument ofBuiltInPlan() {
        String text = BundledPlan.text();
        return new PlanDocument(null, text, hash(text.getBytes(StandardCharsets.UTF_8)), false, false);
    }

    public boolean builtIn() {
        return file == null;
    }

    /** What errors name and what picks YAML or JSON: the file, or the built-in plan's name. */
    public Path location() {
        return file != null ? file : Path.of(BundledPlan.FILE_NAME);
    }

    /** The file's name, or "the built-in plan". */
    public String name() {
        return file != null ? String.valueOf(file.getFileName()) : "the built-in plan " + BundledPlan.FILE_NAME;
    }

    /** {@code edited} as this document's file writes it. */
    public byte[] bytes(String edited) {
        String text = crlf ? edited.replace("\n", "\r\n") : edited;
        return ((bom ? "\uFEFF" : "") + text).getBytes(StandardCharsets.UTF_8);
    }

    /** The document once {@code edited} is saved to {@code target}. */
    public PlanDocument savedAs(Path target, String edited) {
        return new PlanDocument(target, edited, hash(bytes(edited)), crlf, bom);
    }

    /** First 16 hex characters of the SHA-256 of the bytes: how a plan's hash is computed. */
    static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
                    .substring(0, HASH_HEX_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }
}
