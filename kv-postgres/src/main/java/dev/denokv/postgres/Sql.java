package dev.denokv.postgres;

/**
 * The statements of one schema. Every read treats an entry whose {@code expiration_ms} lies in
 * [0, now] as absent.
 */
final class Sql {

  private static final String LIVE = " and (expiration_ms < 0 or expiration_ms > ?)";

  final String range;
  final String rangeReverse;
  final String getMany;
  final String lockVersion;
  final String setVersion;
  final String upsert;
  final String deleteKeys;
  final String insertMessage;
  final String claimMessage;
  final String earliestReady;
  final String extendReservations;
  final String removeClaimed;
  final String claimedForUpdate;
  final String retryMessage;
  final String removeMessage;
  final String staleReservations;
  final String sweep;
  final String kvChannel;
  final String queueChannel;

  Sql(String schema) {
    String s = Schema.quote(schema);
    range = "select k, v, v_encoding, version, expiration_ms from " + s + ".kv where k >= ? and k < ?" + LIVE
        + " order by k asc limit ?";
    rangeReverse = "select k, v, v_encoding, version, expiration_ms from " + s + ".kv where k >= ? and k < ?" + LIVE
        + " order by k desc limit ?";
    getMany = "select k, v, v_encoding, version, expiration_ms from " + s + ".kv where k = any(?)";
    lockVersion = "select version from " + s + ".data_version where k = 0 for update";
    setVersion = "update " + s + ".data_version set version = ? where k = 0";
    upsert = "insert into " + s + ".kv (k, v, v_encoding, version, expiration_ms) values (?, ?, ?, ?, ?)"
        + " on conflict (k) do update set v = excluded.v, v_encoding = excluded.v_encoding,"
        + " version = excluded.version, expiration_ms = excluded.expiration_ms";
    deleteKeys = "delete from " + s + ".kv where k = any(?)";
    insertMessage = "insert into " + s + ".queue (id, ts, data, backoff_schedule, keys_if_undelivered)"
        + " values (?, ?, ?, ?, ?)";
    claimMessage = "update " + s + ".queue set deadline = ?, claim = ? where id = (select id from " + s
        + ".queue where deadline is null and ts <= ? order by ts, seq limit 1 for update skip locked)"
        + " returning id, data";
    earliestReady = "select min(ts) from " + s + ".queue where deadline is null";
    extendReservations = "update " + s + ".queue set deadline = ? where claim = any(?)";
    removeClaimed = "delete from " + s + ".queue where id = ? and claim = ?";
    claimedForUpdate = "select data, backoff_schedule, keys_if_undelivered from " + s
        + ".queue where id = ? and claim = ? for update";
    retryMessage = "update " + s + ".queue set ts = ?, backoff_schedule = ?, deadline = null,"
        + " claim = null where id = ?";
    removeMessage = "delete from " + s + ".queue where id = ?";
    staleReservations = "select id, claim from " + s + ".queue where deadline is not null and deadline <= ?"
        + " order by deadline limit 100 for update skip locked";
    sweep = "delete from " + s + ".kv where k = any(array(select k from " + s
        + ".kv where expiration_ms >= 0 and expiration_ms <= ? order by expiration_ms limit ?"
        + " for update skip locked)) and expiration_ms >= 0 and expiration_ms <= ? returning k";
    kvChannel = "kv_changes_" + schema;
    queueChannel = "kv_queue_" + schema;
  }
}
