package dev.denokv.cli.command;

import dev.denokv.KvEntry;
import dev.denokv.KvTemplate;
import dev.denokv.ListOptions;
import dev.denokv.cli.error.ExitCode;
import dev.denokv.cli.target.Target;
import dev.denokv.KvLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code kv count}: counts entries. */
@Command(name = "count", mixinStandardHelpOptions = true, description = "Prints how many entries the selection holds.")
final class CountCommand extends DatabaseCommand {

  @Mixin
  SelectorOptions selector;

  @Override
  protected void prepare() {
    selector.selector();
  }

  @Override
  protected boolean writes() {
    return false;
  }

  @Override
  protected ExitCode run(KvTemplate kv, Target target) {
    long n = 0;
    for (KvEntry<Object> ignored : kv.list(selector.selector(), Object.class,
        ListOptions.defaults().withBatchSize(KvLimits.MAX_READ_ENTRIES))) {
      n++;
    }
    out().println(n);
    return ExitCode.OK;
  }
}
