package dev.denokv.cli.command;

import dev.denokv.AtomicOperation;
import dev.denokv.KvTemplate;
import dev.denokv.cli.error.ExitCode;
import dev.denokv.cli.target.Target;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kv delete}: deletes keys. */
@Command(name = "delete", mixinStandardHelpOptions = true,
    description = "Deletes the entries at the keys, in one atomic operation (a missing key is no error).")
final class DeleteCommand extends DatabaseCommand {

  @Parameters(arity = "1..*", paramLabel = "<key>", description = "key in Deno's notation")
  List<String> keys;

  private List<dev.denokv.key.KvKey> parsed;

  @Override
  protected void prepare() {
    parsed = keys.stream().map(Arguments::key).toList();
  }

  @Override
  protected boolean writes() {
    return true;
  }

  @Override
  protected ExitCode run(KvTemplate kv, Target target) {
    AtomicOperation op = kv.atomic();
    parsed.forEach(op::delete);
    op.commit();
    return ExitCode.OK;
  }
}
