package dev.denokv.samples.notes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.boot.test.autoconfigure.AutoConfigureTestKv;
import dev.denokv.testing.Peers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application and a real Deno program (the pinned Deno CLI) on one fresh SQLite file: what the
 * service commits in a transaction Deno reads, and what Deno writes the repository finds.
 */
@SpringBootTest
@AutoConfigureTestKv(replace = AutoConfigureTestKv.Replace.NONE)
class SharedWithDenoTest {

  static final Path FILE;

  static {
    try {
      FILE = Files.createTempDirectory("kv-notes-deno").resolve("notes.sqlite3");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void path(DynamicPropertyRegistry registry) {
    registry.add("kv.path", FILE::toString);
  }

  /** {@code s} as a JS string literal. */
  static String jsString(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  @Autowired
  NoteService service;

  @Autowired
  NoteRepository notes;

  @Test
  void denoReadsWhatTheServiceCommittedAndTheRepositoryReadsWhatDenoWrote() {
    Note note = CurrentUser.as("ann", () -> service.add("ann", "From Java", "hello"));

    String out = Peers.deno("""
        const kv = await Deno.openKv(%s);
        const quota = await kv.get(["quota", "ann"]);
        for await (const e of kv.list({ prefix: ["notes_by_author", "ann"] })) {
          const n = await kv.get(["notes", e.key[2]]);
          console.log(`${n.value.title} by ${n.value.createdBy} at ${n.value.createdAt instanceof Date} quota ${quota.value} same ${quota.versionstamp === n.versionstamp}`);
        }
        await kv.atomic()
          .set(["notes", "from-deno"], { id: "from-deno", author: "ann", title: "From Deno", text: "hi" })
          .set(["notes_by_author", "ann", "from-deno"], "from-deno")
          .commit();
        kv.close();
        """.formatted(jsString(FILE.toAbsolutePath().toString()))).orThrow();

    assertThat(out.strip()).isEqualTo("From Java by ann at true quota 1 same true");
    assertThat(notes.findByAuthor("ann")).extracting(NoteTitle::getTitle)
        .containsExactlyInAnyOrder("From Java", "From Deno");
    assertThat(notes.findById(note.getId())).isPresent();
  }
}
