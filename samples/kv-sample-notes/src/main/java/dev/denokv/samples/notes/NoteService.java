package dev.denokv.samples.notes;

import dev.denokv.KvOperations;
import dev.denokv.key.KvKey;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes notes. An author holds at most {@code notes.quota} notes; the count lives at
 * {@code ["quota", author]}. Writing a note and raising the count happen in one transaction, so
 * they commit together or not at all, and a concurrent write to the count makes the commit fail
 * instead of going over the quota.
 */
@Service
public class NoteService {

  private final NoteRepository notes;
  private final KvOperations kv;
  private final int quota;

  public NoteService(NoteRepository notes, KvOperations kv, @Value("${notes.quota}") int quota) {
    this.notes = notes;
    this.kv = kv;
    this.quota = quota;
  }

  /** How many notes {@code author} holds according to the quota counter. */
  public int used(String author) {
    Integer used = kv.get(KvKey.of("quota", author), Integer.class).value();
    return used == null ? 0 : used;
  }

  /**
   * Adds a note for {@code author}.
   *
   * @throws QuotaExceededException when the author has no room left; nothing is written
   */
  @Transactional
  public Note add(String author, String title, String text) {
    int used = used(author);
    if (used >= quota) {
      throw new QuotaExceededException(author, quota);
    }
    kv.set(KvKey.of("quota", author), used + 1);
    return notes.save(new Note(author, title, text));
  }

  /** Removes a note and gives its room back, together. */
  @Transactional
  public void remove(String id) {
    notes.findById(id).ifPresent(note -> {
      String author = note.getAuthor();
      notes.delete(note);
      kv.set(KvKey.of("quota", author), Math.max(0, used(author) - 1));
    });
  }
}
