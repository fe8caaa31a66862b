package dev.denokv.samples.notes;

/** An interface projection: a note's id and title only. */
public interface NoteTitle {
  String getId();

  String getTitle();
}
