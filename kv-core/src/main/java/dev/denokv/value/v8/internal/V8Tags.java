package dev.denokv.value.v8.internal;

/** Tag bytes of the V8 ValueSerializer format, as Deno stores values. */
public final class V8Tags {
  public static final byte VERSION = (byte) 0xFF;
  public static final byte PADDING = 0x00;
  public static final byte VERIFY_OBJECT_COUNT = '?';
  public static final byte UNDEFINED = '_';
  public static final byte NULL = '0';
  public static final byte TRUE = 'T';
  public static final byte FALSE = 'F';
  public static final byte THE_HOLE = '-';
  public static final byte INT32 = 'I';
  public static final byte UINT32 = 'U';
  public static final byte DOUBLE = 'N';
  public static final byte BIGINT = 'Z';
  public static final byte ONE_BYTE_STRING = '"';
  public static final byte TWO_BYTE_STRING = 'c';
  public static final byte UTF8_STRING = 'S';
  public static final byte OBJECT_REFERENCE = '^';
  public static final byte BEGIN_JS_OBJECT = 'o';
  public static final byte END_JS_OBJECT = '{';
  public static final byte BEGIN_DENSE_ARRAY = 'A';
  public static final byte END_DENSE_ARRAY = '$';
  public static final byte BEGIN_SPARSE_ARRAY = 'a';
  public static final byte END_SPARSE_ARRAY = '@';
  public static final byte DATE = 'D';
  public static final byte TRUE_OBJECT = 'y';
  public static final byte FALSE_OBJECT = 'x';
  public static final byte NUMBER_OBJECT = 'n';
  public static final byte BIGINT_OBJECT = 'z';
  public static final byte STRING_OBJECT = 's';
  public static final byte REGEXP = 'R';
  public static final byte BEGIN_MAP = ';';
  public static final byte END_MAP = ':';
  public static final byte BEGIN_SET = '\'';
  public static final byte END_SET = ',';
  public static final byte ARRAY_BUFFER = 'B';
  public static final byte RESIZABLE_ARRAY_BUFFER = '~';
  public static final byte IMMUTABLE_ARRAY_BUFFER = 'C';
  public static final byte ARRAY_BUFFER_VIEW = 'V';
  public static final byte ERROR = 'r';
  public static final byte HOST_OBJECT = '\\';

  /** The format version Deno 2.9.6 writes; read by Deno only. */
  public static final int VERSION_16 = 16;
  /** The format version older Deno releases and Node's {@code v8} write; read by everyone. */
  public static final int VERSION_15 = 15;
  /** The oldest format version Deno reads. */
  public static final int MIN_READ_VERSION = 13;

  private V8Tags() {}
}
