package dev.denokv.value.jackson;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.value.v8.internal.V8Tags;
import java.io.DataInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import tools.jackson.core.ErrorReportConfiguration;
import tools.jackson.core.FormatSchema;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.Version;
import tools.jackson.core.base.BinaryTSFactory;
import tools.jackson.core.base.DecorableTSFactory;
import tools.jackson.core.io.IOContext;

/**
 * The Jackson token stream factory of the V8 serialization format as Deno KV stores values: creates
 * {@link V8Generator}s writing the configured format version (15 by default, readable by every Deno
 * release and by the {@code @deno/kv} npm client; 16 is what Deno 2.9.6 itself writes) and {@link
 * V8Parser}s reading versions 13 to 16.
 */
public final class V8Factory extends BinaryTSFactory {

  private static final long serialVersionUID = 1L;

  /** The name of the format. */
  public static final String FORMAT_NAME = "V8";
  /** Default bound on the length of a sparse array read (holes are read as nulls). */
  public static final int DEFAULT_MAX_SPARSE_ARRAY_LENGTH = 1 << 20;
  /** Default bound on the bytes that back-references may replay while reading one value. */
  public static final long DEFAULT_MAX_REFERENCE_BYTES = 1L << 20;

  private final int formatVersion;
  private final int maxSparseArrayLength;
  private final long maxReferenceBytes;

  /** A factory with the defaults: format version 15. */
  public V8Factory() {
    super(StreamReadConstraints.defaults(), StreamWriteConstraints.defaults(),
        ErrorReportConfiguration.defaults(), 0, 0);
    this.formatVersion = V8Tags.VERSION_15;
    this.maxSparseArrayLength = DEFAULT_MAX_SPARSE_ARRAY_LENGTH;
    this.maxReferenceBytes = DEFAULT_MAX_REFERENCE_BYTES;
  }

  private V8Factory(V8Factory src) {
    super(src);
    this.formatVersion = src.formatVersion;
    this.maxSparseArrayLength = src.maxSparseArrayLength;
    this.maxReferenceBytes = src.maxReferenceBytes;
  }

  private V8Factory(Builder b) {
    super(b);
    this.formatVersion = b.formatVersion;
    this.maxSparseArrayLength = b.maxSparseArrayLength;
    this.maxReferenceBytes = b.maxReferenceBytes;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder(new V8Factory());
  }

  /** The format version written in the header of every value. */
  public int formatVersion() {
    return formatVersion;
  }

  @Override
  public Builder rebuild() {
    return new Builder(this);
  }

  @Override
  public V8Factory copy() {
    return new V8Factory(this);
  }

  @Override
  public TokenStreamFactory snapshot() {
    return this;
  }

  @Override
  public Version version() {
    return Version.unknownVersion();
  }

  @Override
  public boolean canParseAsync() {
    return false;
  }

  @Override
  public boolean canUseSchema(FormatSchema schema) {
    return false;
  }

  @Override
  public String getFormatName() {
    return FORMAT_NAME;
  }

  @Override
  protected JsonParser _createParser(ObjectReadContext readCtxt, IOContext ioCtxt, InputStream in) {
    byte[] data;
    try {
      data = in.readAllBytes();
      if (ioCtxt.isResourceManaged()
          || StreamReadFeature.AUTO_CLOSE_SOURCE.enabledIn(readCtxt.getStreamReadFeatures(_streamReadFeatures))) {
        in.close();
      }
    } catch (IOException e) {
      throw tools.jackson.core.exc.JacksonIOException.construct(e);
    }
    return _createParser(readCtxt, ioCtxt, data, 0, data.length);
  }

  @Override
  protected JsonParser _createParser(ObjectReadContext readCtxt, IOContext ioCtxt, byte[] data, int offset, int len) {
    return new V8Parser(readCtxt, ioCtxt, readCtxt.getStreamReadFeatures(_streamReadFeatures),
        data, offset, len, maxSparseArrayLength, maxReferenceBytes);
  }

  @Override
  protected JsonParser _createParser(ObjectReadContext readCtxt, IOContext ioCtxt, DataInput input) {
    return _unsupported();
  }

  @Override
  protected JsonGenerator _createGenerator(ObjectWriteContext writeCtxt, IOContext ioCtxt, OutputStream out) {
    return new V8Generator(writeCtxt, ioCtxt, writeCtxt.getStreamWriteFeatures(_streamWriteFeatures),
        out, formatVersion);
  }

  /** Builds {@link V8Factory} instances. */
  public static final class Builder extends DecorableTSFactory.DecorableTSFBuilder<V8Factory, Builder> {

    private int formatVersion;
    private int maxSparseArrayLength;
    private long maxReferenceBytes;

    Builder(V8Factory base) {
      super(base);
      this.formatVersion = base.formatVersion;
      this.maxSparseArrayLength = base.maxSparseArrayLength;
      this.maxReferenceBytes = base.maxReferenceBytes;
    }

    /** The format version to write: 15 (the default) or 16. */
    public Builder formatVersion(int version) {
      if (version != V8Tags.VERSION_15 && version != V8Tags.VERSION_16) {
        throw new KvInvalidArgumentException("format version must be 15 or 16, not " + version);
      }
      this.formatVersion = version;
      return this;
    }

    /** The longest sparse array a parser accepts (its holes are read as nulls). */
    public Builder maxSparseArrayLength(int length) {
      if (length < 0) {
        throw new KvInvalidArgumentException("negative length " + length);
      }
      this.maxSparseArrayLength = length;
      return this;
    }

    /** The most bytes a parser replays for back-references in one value. */
    public Builder maxReferenceBytes(long bytes) {
      if (bytes < 0) {
        throw new KvInvalidArgumentException("negative byte count " + bytes);
      }
      this.maxReferenceBytes = bytes;
      return this;
    }

    @Override
    public V8Factory build() {
      return new V8Factory(this);
    }
  }
}
