package dev.denokv.spi;

import java.util.List;

/**
 * Checks, mutations and enqueues that commit together or not at all. Checks are evaluated first;
 * if any fails nothing is written.
 */
public record AtomicWrite(List<Check> checks, List<Mutation> mutations, List<Enqueue> enqueues) {

  public AtomicWrite {
    checks = List.copyOf(checks);
    mutations = List.copyOf(mutations);
    enqueues = List.copyOf(enqueues);
  }
}
