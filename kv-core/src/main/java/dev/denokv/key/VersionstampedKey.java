package dev.denokv.key;

/**
 * A key to be completed by the commit that writes it: {@code prefix} followed by one string part
 * holding the commit's versionstamp (20 hex digits), so that keys written later sort later. It is
 * what Deno writes for a key ending in {@code kv.commitVersionstamp()}. Only sets take it; reads,
 * checks and deletes need a complete {@link KvKey}.
 *
 * @param prefix the key parts before the versionstamp; held to the limits of a written key
 */
public record VersionstampedKey(KvKey prefix) {

  /** The key made of {@code parts} and the commit's versionstamp. */
  public static VersionstampedKey of(Object... parts) {
    return new VersionstampedKey(KvKey.of(parts));
  }

  @Override
  public String toString() {
    String p = prefix.toString();
    return p.substring(0, p.length() - 1) + (prefix.isEmpty() ? "" : ", ") + "<commit versionstamp>]";
  }
}
