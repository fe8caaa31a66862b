/**
 * JMH benchmarks of the value codecs, and side-by-side runs of the same workloads with the Deno
 * CLI: on the embedded SQLite backend ({@code SqliteVsDeno}) and against the project's KV Connect
 * server ({@code RemoteVsDeno}).
 */
@NullMarked
package dev.denokv.benchmarks;

import org.jspecify.annotations.NullMarked;
