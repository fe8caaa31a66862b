package dev.denokv.samples.notes;

/** An author has as many notes as the quota allows. */
public class QuotaExceededException extends RuntimeException {

  public QuotaExceededException(String author, int quota) {
    super(author + " already has " + quota + " notes");
  }
}
