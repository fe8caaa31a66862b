package dev.denokv.cli.command;

import java.util.List;

/** The subcommands, in the order {@code --help} lists them. */
public final class Commands {

  private Commands() {}

  /** New instances of every subcommand, bound to {@code context}. */
  public static List<DatabaseCommand> create(CliContext context) {
    List<DatabaseCommand> all = List.of(new GetCommand(), new SetCommand(), new DeleteCommand(), new ListCommand(),
        new CountCommand(), new WatchCommand(), new EnqueueCommand(), new AtomicCommand(), new ExportCommand(),
        new ImportCommand(), new BackupCommand(), new RestoreCommand(), new ServeCommand());
    all.forEach(c -> c.context(context));
    return all;
  }
}
