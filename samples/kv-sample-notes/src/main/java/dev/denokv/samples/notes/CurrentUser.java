package dev.denokv.samples.notes;

import org.jspecify.annotations.Nullable;

/** The user the calling thread acts for (a stand-in for a security context). */
public final class CurrentUser {

  private static final ThreadLocal<@Nullable String> NAME = new ThreadLocal<>();

  private CurrentUser() {}

  /** The current user's name, or null. */
  public static @Nullable String name() {
    return NAME.get();
  }

  /** Runs {@code action} as {@code name}. */
  public static <T> T as(String name, java.util.function.Supplier<T> action) {
    String previous = NAME.get();
    NAME.set(name);
    try {
      return action.get();
    } finally {
      NAME.set(previous);
    }
  }
}
