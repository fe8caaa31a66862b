package dev.denokv.cli.command;

import dev.denokv.KvTemplate;
import dev.denokv.cli.error.ExitCode;
import dev.denokv.cli.target.Target;
import dev.denokv.cli.value.ExactValueCodec;
import dev.denokv.value.v8.V8Codec;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A subcommand working on one database, chosen by the options {@link dev.denokv.cli.target.TargetSelection}
 * adds. Values are read without loss and written in V8 format version 15 unless a command offers
 * {@code --value-format-version}.
 */
public abstract class DatabaseCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  private CliContext context;

  /** Set when the command line is built. */
  void context(CliContext context) {
    this.context = context;
  }

  protected CliContext context() {
    return context;
  }

  /** Whether the command writes (and so may create a missing database file). */
  protected abstract boolean writes();

  /** Reads the arguments before the database is opened, so that usage errors come first. */
  protected void prepare() {}

  /** Runs the command on the open database. */
  protected abstract ExitCode run(KvTemplate kv, Target target) throws Exception;

  /** The V8 format version written values use. */
  protected int valueFormatVersion() {
    return V8Codec.DEFAULT_VERSION;
  }

  @Override
  public Integer call() throws Exception {
    prepare();
    Target target = target();
    try (KvTemplate kv = KvTemplate.builder(target.open(writes()))
        .valueCodec(new ExactValueCodec(valueFormatVersion()))
        .build()) {
      ExitCode code = run(kv, target);
      out().flush();
      return code.code();
    }
  }

  /** The database chosen on the command line, not yet opened. */
  protected Target target() {
    return context.selection().target(spec, context.environment());
  }

  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  protected PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
