package dev.denokv.cli.target;

import org.jspecify.annotations.Nullable;

/**
 * One kind of database the command line can work on, selected by an option of its own
 * ({@code --path <file>}, {@code --memory}, {@code --url <url>}). Providers are found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/dev.denokv.cli.target.TargetProvider}),
 * so a backend adds its option to every command with one class.
 */
public interface TargetProvider {

  /** The option selecting this kind of database, such as {@code --path}. */
  String optionName();

  /** The label of the option's value, such as {@code <file>}, or null when the option is a flag. */
  @Nullable String paramLabel();

  /** The option's description in {@code --help}. */
  String description();

  /**
   * The target the option names.
   *
   * @param value the option's value ({@code ""} for a flag)
   * @param credentials the access token given on the command line or in the environment
   */
  Target target(String value, Credentials credentials);
}
