package dev.denokv;

import dev.denokv.spi.AtomicWrite;
import dev.denokv.spi.Database;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.ReadRange;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A unit of work that {@link KvTemplate} operations join, such as a transaction managed by a
 * framework: while one is current, the template reads through it and hands it every atomic write
 * instead of committing it, and the unit of work commits what it collected (or discards it) when it
 * ends. Without a {@link Lookup} on the template, or while the lookup finds none, nothing changes.
 *
 * <p>The template still validates every argument and Deno's limits of each single operation before
 * calling the unit of work. Watches and queue listeners never join a unit of work.
 */
public interface KvUnitOfWork {

  /**
   * Reads {@code ranges} as {@link Database#snapshotRead} does, as this unit of work sees them
   * (typically with its own pending writes applied), recording what was read.
   */
  List<List<RawEntry>> snapshotRead(List<ReadRange> ranges, Consistency consistency);

  /**
   * Takes {@code write} into this unit of work, to be committed with everything else it holds.
   * Returns false, taking nothing, when one of the write's checks is already known to fail;
   * throws (a {@link dev.denokv.error.KvException} or an exception of the framework) when the write
   * cannot join, for example because the unit of work would exceed Deno's limits of one atomic
   * operation.
   */
  boolean collect(AtomicWrite write);

  /** Finds the unit of work the calling thread takes part in, if any. */
  @FunctionalInterface
  interface Lookup {

    /** The current unit of work over {@code database} (the template's database), or null. */
    @Nullable KvUnitOfWork current(Database database);
  }
}
