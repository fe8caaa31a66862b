package dev.denokv.cli.target;

import dev.denokv.cli.error.CliException;
import dev.denokv.cli.error.ExitCode;
import org.jspecify.annotations.Nullable;

/**
 * The access token from {@code --access-token} or, when that is not given, the
 * {@code DENO_KV_ACCESS_TOKEN} environment variable. {@link #toString()} never shows it.
 */
public record Credentials(@Nullable String accessToken) {

  /** The environment variable holding the access token, as for the Deno CLI. */
  public static final String ENVIRONMENT_VARIABLE = "DENO_KV_ACCESS_TOKEN";

  /** The token, or a usage error naming both ways to give it. */
  public String requireAccessToken() {
    if (accessToken == null || accessToken.isBlank()) {
      throw new CliException(ExitCode.USAGE,
          "no access token: set " + ENVIRONMENT_VARIABLE + " or pass --access-token");
    }
    return accessToken;
  }

  @Override
  public String toString() {
    return accessToken == null ? "Credentials[none]" : "Credentials[access token given]";
  }
}
