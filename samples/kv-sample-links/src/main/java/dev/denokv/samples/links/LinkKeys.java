package dev.denokv.samples.links;

import dev.denokv.key.KvKey;

/** The key layout: the link, its entry in the owner's index, and its click counter. */
final class LinkKeys {

  private LinkKeys() {}

  /** {@code ["links", code]}: the link. */
  static KvKey link(String code) {
    return KvKey.of("links", code);
  }

  /** {@code ["links_by_owner", owner]}: the prefix of an owner's links. */
  static KvKey byOwner(String owner) {
    return KvKey.of("links_by_owner", owner);
  }

  /** {@code ["links_by_owner", owner, code]}: a secondary index entry holding a copy of the link. */
  static KvKey byOwner(String owner, String code) {
    return byOwner(owner).append(code);
  }

  /** {@code ["clicks", code]}: a KvU64 counter. */
  static KvKey clicks(String code) {
    return KvKey.of("clicks", code);
  }
}
