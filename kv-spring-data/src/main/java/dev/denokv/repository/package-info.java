/**
 * Spring Data repositories over Deno KV: {@link dev.denokv.repository.KvRepository} and the mapping annotations {@link dev.denokv.repository.KvEntity}, {@link dev.denokv.repository.Indexed} and {@link dev.denokv.repository.TimeToLive}.
 */
@NullMarked
package dev.denokv.repository;

import org.jspecify.annotations.NullMarked;
