package dev.denokv.value;

import org.jspecify.annotations.Nullable;

/**
 * A JS error as V8 stores it: its prototype ({@link JsErrorType}), an optional message, an
 * optional stack and an optional cause. A cause that is present may be {@code undefined} or refer
 * back to the error itself.
 */
public final class JsError implements JsObjectValue {

  private JsErrorType type;
  private @Nullable String message;
  private @Nullable String stack;
  private @Nullable JsValue cause;

  /** An error of {@code type}; a {@code null} message means no own {@code message} property. */
  public JsError(JsErrorType type, @Nullable String message) {
    this.type = type;
    this.message = message;
  }

  /** {@code new Error(message)}. */
  public static JsError of(String message) {
    return new JsError(JsErrorType.ERROR, message);
  }

  public JsErrorType type() {
    return type;
  }

  public JsError setType(JsErrorType type) {
    this.type = type;
    return this;
  }

  /** Sets the message; {@code null} removes the own {@code message} property. */
  public JsError setMessage(@Nullable String message) {
    this.message = message;
    return this;
  }

  /** The {@code name} the error gets when read back, e.g. {@code "TypeError"}. */
  public String name() {
    return type.jsName();
  }

  /** The message, or {@code null} when the error has no own message. */
  public @Nullable String message() {
    return message;
  }

  /** The stack, or {@code null} when it is not a string. */
  public @Nullable String stack() {
    return stack;
  }

  public JsError setStack(@Nullable String stack) {
    this.stack = stack;
    return this;
  }

  /** Whether the error has an own {@code cause} property (possibly {@code undefined}). */
  public boolean hasCause() {
    return cause != null;
  }

  /** The cause, or {@code null} when there is no own {@code cause} property. */
  public @Nullable JsValue cause() {
    return cause;
  }

  /** Sets the cause; {@code null} removes the property. Returns this error. */
  public JsError setCause(@Nullable JsValue cause) {
    this.cause = cause;
    return this;
  }

  @Override
  public String typeName() {
    return "Error";
  }

  @Override
  public String toString() {
    return message == null ? name() : name() + ": " + message;
  }
}
