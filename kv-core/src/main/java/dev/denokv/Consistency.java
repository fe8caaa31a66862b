package dev.denokv;

/** The consistency a read asks for, as in Deno's {@code consistency} option. */
public enum Consistency {
  /** Reads see every write committed before the read started. */
  STRONG,
  /** Reads may be served by a replica and lag behind. */
  EVENTUAL
}
