package dev.denokv.spi;

/** What a mutation does to its key. */
public enum MutationKind {
  SET,
  DELETE,
  SUM,
  MAX,
  MIN,
  /** Sets the key extended with a string part holding the commit's versionstamp (20 hex digits). */
  SET_SUFFIX_VERSIONSTAMPED_KEY
}
