package dev.denokv.boot.autoconfigure.actuate;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names Deno KV observations {@value #NAME} (the timer's name; spans are named {@code kv read},
 * {@code kv write}, {@code kv watch}) with the low-cardinality keys {@code operation} and
 * {@code outcome}. An application bean of this type replaces it.
 */
public class KvObservationConvention implements ObservationConvention<KvObservationContext> {

  /** The observation's name, and so the timer's. */
  public static final String NAME = "kv.operations";

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public String getContextualName(KvObservationContext context) {
    return "kv " + context.getOperation();
  }

  @Override
  public KeyValues getLowCardinalityKeyValues(KvObservationContext context) {
    return KeyValues.of("operation", context.getOperation(), "outcome", context.getOutcome());
  }

  @Override
  public boolean supportsContext(Observation.Context context) {
    return context instanceof KvObservationContext;
  }
}
