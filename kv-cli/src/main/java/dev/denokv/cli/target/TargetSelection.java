package dev.denokv.cli.target;

import dev.denokv.cli.error.CliException;
import dev.denokv.cli.error.ExitCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options choosing a command's database: one per {@link TargetProvider} found on the class
 * path, plus {@code --access-token}. Added to a command's model when the command line is built, and
 * read back once it is parsed.
 */
public final class TargetSelection {

  /** The option giving the access token of a remote database. */
  public static final String ACCESS_TOKEN_OPTION = "--access-token";

  private final List<TargetProvider> providers;

  /** The selection offered by {@code providers}. */
  public TargetSelection(List<TargetProvider> providers) {
    this.providers = List.copyOf(providers);
  }

  /** The selection offered by the providers registered as services. */
  public static TargetSelection fromServices() {
    List<TargetProvider> found = new ArrayList<>();
    ServiceLoader.load(TargetProvider.class, TargetProvider.class.getClassLoader()).forEach(found::add);
    return new TargetSelection(found);
  }

  /** Adds the database options to {@code spec}. */
  public void addOptionsTo(CommandSpec spec, boolean withAccessToken) {
    for (TargetProvider provider : providers) {
      OptionSpec.Builder option = OptionSpec.builder(provider.optionName())
          .description(provider.description())
          .order(1);
      if (provider.paramLabel() == null) {
        option.arity("0").type(boolean.class);
      } else {
        option.arity("1").type(String.class).paramLabel(provider.paramLabel());
      }
      spec.addOption(option.build());
    }
    if (withAccessToken) {
      spec.addOption(OptionSpec.builder(ACCESS_TOKEN_OPTION)
          .paramLabel("<token>")
          .type(String.class)
          .order(1)
          .description("access token of a KV Connect database (default: $" + Credentials.ENVIRONMENT_VARIABLE
              + "; the variable keeps it out of the process list)")
          .build());
    }
  }

  /** The one database chosen on the parsed command line {@code spec}. */
  public Target target(CommandSpec spec, Map<String, String> environment) {
    TargetProvider chosen = null;
    String value = null;
    for (TargetProvider provider : providers) {
      OptionSpec option = spec.findOption(provider.optionName());
      if (option == null || spec.commandLine().getParseResult() == null
          || !spec.commandLine().getParseResult().hasMatchedOption(option)) {
        continue;
      }
      if (chosen != null) {
        throw new CliException(ExitCode.USAGE,
            "choose one database: " + chosen.optionName() + " and " + provider.optionName() + " were both given");
      }
      chosen = provider;
      Object v = option.getValue();
      value = provider.paramLabel() == null ? "" : String.valueOf(v);
    }
    if (chosen == null) {
      throw new CliException(ExitCode.USAGE, "no database given: use " + options());
    }
    return chosen.target(value, credentials(spec, environment));
  }

  private static Credentials credentials(CommandSpec spec, Map<String, String> environment) {
    OptionSpec option = spec.findOption(ACCESS_TOKEN_OPTION);
    @Nullable String token = option == null ? null : option.getValue();
    if (token == null) {
      token = environment.get(Credentials.ENVIRONMENT_VARIABLE);
    }
    return new Credentials(token);
  }

  /** The database options, as a usage hint. */
  public String options() {
    return providers.stream()
        .map(p -> p.paramLabel() == null ? p.optionName() : p.optionName() + " " + p.paramLabel())
        .collect(Collectors.joining(", ", "", ""));
  }
}
