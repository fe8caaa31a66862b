package dev.denokv.boot.autoconfigure.actuate;

import io.micrometer.observation.Observation;

/**
 * What one observed Deno KV operation records: its kind ({@code read}, {@code write},
 * {@code watch}) and, once done, its outcome ({@code success}, {@code conflict}, {@code error}).
 * Keys and values are never recorded: they may hold personal data.
 */
public final class KvObservationContext extends Observation.Context {

  private final String operation;
  private String outcome = "error";

  KvObservationContext(String operation) {
    this.operation = operation;
  }

  /** {@code read}, {@code write} or {@code watch}. */
  public String getOperation() {
    return operation;
  }

  /** {@code success}, {@code conflict} (a failed check of an atomic write) or {@code error}. */
  public String getOutcome() {
    return outcome;
  }

  void setOutcome(String outcome) {
    this.outcome = outcome;
  }
}
