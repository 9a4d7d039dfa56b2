package dev.ferry.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanDraftsTest {

    @TempDir
    Path dir;

    private PlanDocument document(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return PlanDocument.of(file, Files.readAllBytes(file)).orElseThrow();
    }

    @Test
    void aDraftIsFoundForItsPlanOnlyAndAnOlderWriteNeverOverwritesANewerOne() throws Exception {
        PlanDrafts drafts = new PlanDrafts(dir.resolve("drafts"));
        PlanDocument a = document("a.yaml", "name: a\n");
        PlanDocument b = document("b.yaml", "name: b\n");
        drafts.keep(a, "name: a2\n", 2);
        drafts.keep(a, "name: a1\n", 1); // a slow write of an earlier edit, arriving late
        assertThat(drafts.find(a)).get().satisfies(d -> {
            assertThat(d.text()).isEqualTo("name: a2\n");
            assertThat(d.baseHash()).isEqualTo(a.diskHash());
        });
        assertThat(drafts.find(b)).isEmpty();

        drafts.drop(a, 3);
        drafts.keep(a, "name: a2\n", 2);
        assertThat(drafts.find(a)).as("dropped after that edit").isEmpty();
        drafts.keep(a, "name: a4\n", 4);
        assertThat(drafts.find(a)).get().extracting(PlanDrafts.Draft::text).isEqualTo("name: a4\n");
        assertThat(new PlanDrafts(dir.resolve("drafts")).find(a)).as("found by a later console").isPresent();
        assertThat(dir.resolve("drafts")).isDirectoryNotContaining(p -> p.getFileName().toString().endsWith(".tmp"));
    }

    @Test
    void theBuiltInPlanHasItsOwnDraftAndTheDocumentWritesBackItsLineEndsAndByteOrderMark() throws Exception {
        PlanDrafts drafts = new PlanDrafts(dir.resolve("drafts"));
        PlanDocument builtIn = PlanDocument.ofBuiltInPlan();
        drafts.keep(builtIn, "x", 1);
        assertThat(drafts.fileOf(builtIn).getFileName().toString()).startsWith("built-in-");
        assertThat(drafts.find(builtIn)).isPresent();

        byte[] bytes = "\uFEFFa: 1\r\nb: 2\r\n".getBytes(StandardCharsets.UTF_8);
        PlanDocument windows = PlanDocument.of(dir.resolve("w.yaml"), bytes).orElseThrow();
        assertThat(windows.text()).isEqualTo("a: 1\nb: 2\n");
        assertThat(windows.bytes(windows.text())).isEqualTo(bytes);
        assertThat(windows.bytes("a: 1\nb: 3\n")).isEqualTo("\uFEFFa: 1\r\nb: 3\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(PlanDocument.of(dir.resolve("l.yaml"), new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'})).isEmpty();
    }

    @Test
    void replacingAFileKeepsItsPermissions() throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        AtomicWrite.replace(file, "new".getBytes(StandardCharsets.UTF_8));
        assertThat(file).hasContent("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
    }
}
