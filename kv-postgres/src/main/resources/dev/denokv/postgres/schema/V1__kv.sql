-- Deno KV in PostgreSQL, schema version 1.
-- The backend applies this itself when schema initialization is allowed. To create the schema by
-- hand, run it with psql, naming the schema (the default is kv):
--   psql -v schema=kv -f V1__kv.sql "postgresql://host/database"
-- Keys are Deno's encoded keys (bytea orders them as Deno does); values keep Deno's v_encoding
-- codes (1 V8, 2 little-endian u64, 3 bytes); versions are Deno's 8-byte commit versions.

create schema if not exists :"schema";

create table :"schema".kv_meta (
  name text primary key,
  value text not null
);

create table :"schema".data_version (
  k integer primary key,
  version bigint not null
);

insert into :"schema".data_version (k, version) values (0, 0);

create table :"schema".kv (
  k bytea primary key,
  v bytea not null,
  v_encoding smallint not null,
  version bigint not null,
  expiration_ms bigint not null default -1
);

create index kv_expiration_ms_idx on :"schema".kv (expiration_ms) where expiration_ms >= 0;

create table :"schema".queue (
  id uuid primary key,
  ts bigint not null,
  seq bigint generated always as identity,
  data bytea not null,
  backoff_schedule integer[] not null,
  keys_if_undelivered bytea[] not null,
  deadline bigint,
  claim uuid
);

create index queue_ready_idx on :"schema".queue (ts, seq) where deadline is null;

create index queue_running_idx on :"schema".queue (deadline) where deadline is not null;

insert into :"schema".kv_meta (name, value) values ('database_id', gen_random_uuid()::text);

insert into :"schema".kv_meta (name, value) values ('schema_version', '1');
