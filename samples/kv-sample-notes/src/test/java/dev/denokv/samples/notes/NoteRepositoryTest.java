package dev.denokv.samples.notes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.boot.test.autoconfigure.DataKvTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The repository layer alone, on a private in-memory database. */
@DataKvTest
class NoteRepositoryTest {

  @Autowired
  NoteRepository notes;

  @Autowired
  ApplicationContext context;

  @Test
  void savesAndCountsOnAFreshDatabaseEveryRun() {
    assertThat(context.getBeansOfType(NoteService.class)).isEmpty();
    assertThat(notes.countByAuthor("run")).isZero();
    for (int i = 0; i < 7; i++) {
      notes.save(new Note("run", "note " + i, "..."));
    }
    assertThat(notes.countByAuthor("run")).isEqualTo(7);   // 7 on every run: nothing is left from the last one
    assertThat(Files.exists(Path.of("data/notes.sqlite3"))).isFalse();
  }

  @Test
  void interfaceAndDtoProjections() {
    Note saved = notes.save(new Note("ann", "Groceries", "milk, bread"));
    notes.save(new Note("ann", "Ideas", "..."));
    assertThat(notes.findByAuthor("ann")).extracting(NoteTitle::getTitle)
        .containsExactlyInAnyOrder("Groceries", "Ideas");
    assertThat(notes.findByAuthor("ann")).extracting(NoteTitle::getId).contains(saved.getId());
    assertThat(notes.findSummariesByAuthor("ann"))
        .extracting(NoteSummary::title, NoteSummary::author)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("Groceries", "ann"),
            org.assertj.core.groups.Tuple.tuple("Ideas", "ann"));
  }

  @Test
  void auditing() {
    Instant before = Instant.now();
    Note created = CurrentUser.as("bob", () -> notes.save(new Note("bob", "Draft", "...")));
    assertThat(created.getCreatedBy()).isEqualTo("bob");
    assertThat(created.getCreatedAt()).isAfterOrEqualTo(before);
    assertThat(created.getModifiedAt()).isEqualTo(created.getCreatedAt());

    Note loaded = notes.findById(created.getId()).orElseThrow();
    assertThat(loaded.getCreatedAt()).isEqualTo(created.getCreatedAt());
    loaded.setTitle("Final");
    Note modified = CurrentUser.as("eve", () -> notes.save(loaded));
    assertThat(modified.getCreatedBy()).isEqualTo("bob");
    assertThat(modified.getCreatedAt()).isEqualTo(created.getCreatedAt());
    assertThat(modified.getModifiedAt()).isAfterOrEqualTo(created.getModifiedAt());
  }
}
