package dev.denokv.boot.autoconfigure;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the remote (KV Connect) database is and how to authenticate: by default {@code kv.url} and
 * {@code kv.access-token} (or the {@code DENO_KV_ACCESS_TOKEN} environment variable). A bean of this
 * type from elsewhere (a test container, a service binding) selects the remote backend and takes
 * precedence over the properties; the {@code local} profile still keeps the embedded database.
 */
public interface KvConnectionDetails extends ConnectionDetails {

  /** The KV Connect URL, such as {@code https://api.deno.com/databases/<id>/connect}. */
  String getUrl();

  /** The access token (never logged). */
  String getAccessToken();
}
