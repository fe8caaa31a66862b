package dev.denokv.repository.support;

import dev.denokv.AtomicOperation;
import dev.denokv.KvCommitResult;
import dev.denokv.KvEntry;
import dev.denokv.KvTemplate;
import dev.denokv.Versionstamp;
import dev.denokv.key.KvKey;
import dev.denokv.spi.DatabaseLimits;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Commits write plans in atomic operations that stay within the backend's limits. A batch whose checks
 * fail is planned again from fresh reads and retried; a plan that is stale for good (a versioned
 * entity, a taken unique value) fails with the matching Spring exception. Batches are atomic, a
 * run of several batches is not.
 */
final class BatchWriter {

  /** Plans one write from a fresh read; null when there is nothing to write. */
  interface Planner {
    @Nullable WritePlan plan();
  }

  static final int MAX_ATTEMPTS = 16;

  private final KvTemplate template;
  private final EntityMapper<?> mapper;

  BatchWriter(KvTemplate template, EntityMapper<?> mapper) {
    this.template = template;
    this.mapper = mapper;
  }

  /** Runs every planner; returns the versionstamp each write committed with (null if none). */
  List<@Nullable Versionstamp> write(List<Planner> planners) {
    return write(planners, () -> {});
  }

  /** {@link #write(List)}, calling {@code afterCommit} after every commit attempt. */
  List<@Nullable Versionstamp> write(List<Planner> planners, Runnable afterCommit) {
    List<@Nullable Versionstamp> results = new ArrayList<>(planners.size());
    for (int k = 0; k < planners.size(); k++) {
      results.add(null);
    }
    int i = 0;
    while (i < planners.size()) {
      List<Integer> members = new ArrayList<>();
      List<WritePlan> plans = new ArrayList<>();
      Batch batch = new Batch(template.limits());
      while (i < planners.size()) {
        WritePlan plan = planners.get(i).plan();
        if (plan == null) {
          i++;
          continue;
        }
        if (!plans.isEmpty() && !batch.accepts(plan)) {
          break;
        }
        batch.add(plan);
        members.add(i);
        plans.add(plan);
        i++;
      }
      if (!plans.isEmpty()) {
        commit(members, plans, planners, results, afterCommit);
      }
    }
    return results;
  }

  private void commit(List<Integer> members, List<WritePlan> plans, List<Planner> planners,
      List<@Nullable Versionstamp> results, Runnable afterCommit) {
    List<Integer> current = members;
    List<WritePlan> currentPlans = plans;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      AtomicOperation op = template.atomic();
      currentPlans.forEach(p -> p.addTo(op));
      KvCommitResult result;
      try {
        result = op.commit();
      } finally {
        afterCommit.run();
      }
      if (result.ok()) {
        for (int index : current) {
          results.set(index, result.versionstamp());
        }
        return;
      }
      failOnTakenUniqueValues(currentPlans);
      List<Integer> replannedMembers = new ArrayList<>();
      List<WritePlan> replanned = new ArrayList<>();
      for (int index : current) {
        WritePlan plan = planners.get(index).plan();
        if (plan != null) {
          replannedMembers.add(index);
          replanned.add(plan);
        }
      }
      if (replanned.isEmpty()) {
        return;
      }
      current = replannedMembers;
      currentPlans = replanned;
    }
    throw new OptimisticLockingFailureException("Writing " + mapper.entity().getName()
        + " entities kept conflicting with concurrent writes; gave up after " + MAX_ATTEMPTS + " attempts");
  }

  private void failOnTakenUniqueValues(List<WritePlan> plans) {
    for (WritePlan plan : plans) {
      for (WritePlan.CheckSpec check : plan.checks()) {
        IndexKey claim = check.claim();
        if (claim == null) {
          continue;
        }
        KvEntry<Object> holder = template.get(claim.key(), Object.class);
        if (!holder.exists()) {
          continue;
        }
        Object holderId = mapper.idPartOfIndexEntry(holder, true);
        if (holderId == null || !KvKey.of(holderId).equals(KvKey.of(plan.idPart()))) {
          throw new DuplicateKeyException("The unique property '" + claim.property().getName() + "' of "
              + mapper.entity().getName() + " already has the value " + KvKey.of(claim.value())
              + " (index key " + claim.key() + ")");
        }
      }
    }
  }

  /** What one atomic operation holds so far. */
  private static final class Batch {
    private final DatabaseLimits limits;
    private final Set<KvKey> touched = new HashSet<>();
    private int checks;
    private int mutations;
    private long keyBytes;
    private long mutationBytes;

    Batch(DatabaseLimits limits) {
      this.limits = limits;
    }

    boolean accepts(WritePlan plan) {
      return checks + plan.checks().size() <= limits.maxChecks()
          && mutations + plan.mutationCount() <= limits.maxMutations()
          && keyBytes + plan.keyBytes() <= limits.maxTotalKeyBytes()
          && mutationBytes + plan.mutationBytes() <= limits.maxTotalMutationBytes()
          && !plan.touchesAny(touched);
    }

    void add(WritePlan plan) {
      checks += plan.checks().size();
      mutations += plan.mutationCount();
      keyBytes += plan.keyBytes();
      mutationBytes += plan.mutationBytes();
      touched.addAll(plan.touched());
    }
  }
}
