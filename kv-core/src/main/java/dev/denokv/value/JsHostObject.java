package dev.denokv.value;

import org.jspecify.annotations.Nullable;

/**
 * A Deno platform ("host") object such as {@code DOMException} or {@code CryptoKey}, kept opaque:
 * Deno stores it as a metadata value, normally an object whose {@code type} property names the
 * class that Deno rebuilds it as.
 */
public final class JsHostObject implements JsObjectValue {

  private JsValue metadata;

  public JsHostObject(JsValue metadata) {
    this.metadata = metadata;
  }

  /** The metadata value. */
  public JsValue metadata() {
    return metadata;
  }

  /** Replaces the metadata (used while reading, since metadata may refer back to this object). */
  public void setMetadata(JsValue metadata) {
    this.metadata = metadata;
  }

  /** The metadata's string {@code type} property (e.g. {@code "DOMException"}), or {@code null}. */
  public @Nullable String type() {
    return metadata instanceof JsObject o && o.get("type") instanceof JsString s ? s.value() : null;
  }

  @Override
  public String typeName() {
    return "hostObject";
  }

  @Override
  public String toString() {
    return "[host object " + type() + "]";
  }
}
