/**
 * JMH benchmarks of the value codecs, and side-by-side runs of the same workloads with the Deno
 * CLI: on the embedded SQLite backend ({@code SqliteVsDeno}) and against the project's KV Connect
 * server ({@code RemoteVsDeno}); and the KV Connect server under load from separate Java and Deno
 * client processes ({@code KvConnectLoad}).
 */
@NullMarked
package dev.denokv.benchmarks;

import org.jspecify.annotations.NullMarked;
