package dev.denokv.samples.notes;

import dev.denokv.repository.KvRepository;
import java.util.List;

/** Notes by author, as titles or summaries. */
public interface NoteRepository extends KvRepository<Note, String> {

  List<NoteTitle> findByAuthor(String author);

  List<NoteSummary> findSummariesByAuthor(String author);

  long countByAuthor(String author);
}
