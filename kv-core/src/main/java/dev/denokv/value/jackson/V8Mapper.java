package dev.denokv.value.jackson;

import tools.jackson.core.TokenStreamFactory;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.cfg.MapperBuilderState;

/**
 * An {@link ObjectMapper} for the V8 serialization format as Deno KV stores values, with {@link
 * V8Module} registered:
 *
 * <pre>{@code
 * V8Mapper mapper = V8Mapper.builder().formatVersion(15).build();
 * byte[] value = mapper.writeValueAsBytes(order);
 * Order back = mapper.readValue(value, Order.class);
 * }</pre>
 *
 * <p>{@link #builder(ObjectMapper)} starts from an application's existing mapper (for instance the
 * {@code JsonMapper} Spring Boot configures), keeping its modules, features, naming strategy,
 * mix-ins, inclusion rules and stream constraints.
 */
public class V8Mapper extends ObjectMapper {

  private static final long serialVersionUID = 1L;

  /** Builds {@link V8Mapper} instances. */
  public static final class Builder extends MapperBuilder<V8Mapper, Builder> {

    Builder(V8Factory factory) {
      super(factory);
    }

    Builder(MapperBuilderState state) {
      super(state);
    }

    /** The format version to write: 15 (the default, read by every Deno release) or 16. */
    public Builder formatVersion(int version) {
      _streamFactory = ((V8Factory) _streamFactory).rebuild().formatVersion(version).build();
      return this;
    }

    /** Replaces the stream factory, for instance to change its read limits. */
    public Builder factory(V8Factory factory) {
      _streamFactory = factory;
      return this;
    }

    @Override
    public V8Mapper build() {
      return new V8Mapper(this);
    }

    @Override
    protected MapperBuilderState _saveState() {
      return new StateImpl(this);
    }

    private void useFactory(V8Factory factory) {
      _streamFactory = factory;
      _formatReadFeatures = 0;
      _formatWriteFeatures = 0;
    }
  }

  /** Saved builder state, so that {@link #rebuild()} and serialization keep the configuration. */
  static final class StateImpl extends MapperBuilderState {

    private static final long serialVersionUID = 1L;

    StateImpl(MapperBuilder<?, ?> source) {
      super(source);
    }

    @Override
    protected Object readResolve() {
      return new Builder(this).build();
    }
  }

  public V8Mapper() {
    this(builder());
  }

  public V8Mapper(Builder builder) {
    super(builder);
  }

  /** A builder with {@link V8Module} registered and format version 15. */
  public static Builder builder() {
    return builder(new V8Factory());
  }

  /** A builder using {@code factory}, with {@link V8Module} registered. */
  public static Builder builder(V8Factory factory) {
    return new Builder(factory).addModule(new V8Module());
  }

  /**
   * A builder that starts from {@code base}'s configuration (modules, mapper, serialization,
   * deserialization, datatype and stream features, naming, mix-ins, config overrides, stream
   * constraints) with a {@link V8Factory} instead of its token stream factory, and {@link V8Module}
   * added. JSON-specific format features do not apply to V8 and are dropped.
   */
  public static Builder builder(ObjectMapper base) {
    TokenStreamFactory source = base.tokenStreamFactory();
    V8Factory factory = V8Factory.builder()
        .streamReadConstraints(source.streamReadConstraints())
        .streamWriteConstraints(source.streamWriteConstraints())
        .build();
    Builder builder = new Builder(new StateImpl(base.rebuild()));
    builder.useFactory(factory);
    return builder.addModule(new V8Module());
  }

  @SuppressWarnings("unchecked")
  @Override
  public Builder rebuild() {
    return new Builder(_savedBuilderState);
  }

  @Override
  public V8Factory tokenStreamFactory() {
    return (V8Factory) _streamFactory;
  }
}
