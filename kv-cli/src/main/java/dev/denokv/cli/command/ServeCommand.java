package dev.denokv.cli.command;

import dev.denokv.cli.error.CliException;
import dev.denokv.cli.error.ExitCode;
import dev.denokv.cli.serve.KvConnectServer;
import dev.denokv.cli.target.Credentials;
import dev.denokv.cli.target.Target;
import dev.denokv.cli.target.TargetSelection;
import dev.denokv.server.DatabaseIdStore;
import dev.denokv.spi.Database;
import dev.denokv.KvTemplate;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kv serve}: the KV Connect server over a database, a drop-in for denokv. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serves the database over KV Connect until interrupted, like denokv.",
        "  kv serve --path data.sqlite3 --access-token <token>",
        "Deno programs then use Deno.openKv(\"http://host:4512\") with DENO_KV_ACCESS_TOKEN=<token>;",
        "the @deno/kv client and this project's remote backend work the same way. The metadata exchange",
        "answers at / and at /kv. Plain-text HTTP/1.1 and HTTP/2 (h2c) are both spoken.",
        "--access-token (or DENO_KV_ACCESS_TOKEN) is the token clients must present."})
final class ServeCommand extends DatabaseCommand {

  @Option(names = "--addr", paramLabel = "<host:port>", defaultValue = "0.0.0.0:4512",
      description = "address to listen on (default ${DEFAULT-VALUE}; port 0 picks a free one)")
  String addr;

  @Override
  protected boolean writes() {
    return true;
  }

  @Override
  public Integer call() throws Exception {
    Target target = target();
    String token = accessToken();
    int colon = addr.lastIndexOf(':');
    if (colon < 0) {
      throw new CliException(ExitCode.USAGE, "--addr is host:port, e.g. 0.0.0.0:4512");
    }
    String host = addr.substring(0, colon);
    int port;
    try {
      port = Integer.parseInt(addr.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new CliException(ExitCode.USAGE, "bad port in --addr " + addr);
    }
    try (Database database = target.open(true);
        KvConnectServer server = KvConnectServer.start(
            database, DatabaseIdStore.forDatabase(database), List.of(token), host, port)) {
      String shown = host.equals("0.0.0.0") || host.isEmpty() ? "localhost" : host;
      out().println("serving " + target.describe() + " over KV Connect at http://" + shown + ":" + server.port());
      out().flush();
      server.awaitStop();
    }
    return ExitCode.OK.code();
  }

  private String accessToken() {
    Object given = spec.findOption(TargetSelection.ACCESS_TOKEN_OPTION).getValue();
    String token = given != null ? given.toString() : context().environment().get(Credentials.ENVIRONMENT_VARIABLE);
    if (token == null || token.isBlank()) {
      throw new CliException(ExitCode.USAGE, "serve needs --access-token <token> (or DENO_KV_ACCESS_TOKEN): the token clients present");
    }
    return token;
  }

  @Override
  protected ExitCode run(KvTemplate kv, Target target) {
    throw new IllegalStateException("serve runs its own server");
  }
}
