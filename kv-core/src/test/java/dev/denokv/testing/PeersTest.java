package dev.denokv.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PeersTest {

  @Test
  void runsThePinnedDenoCli() {
    String out = Peers.deno("console.log(Deno.version.deno)").orThrow();
    assertThat(out.trim()).isEqualTo("2.9.6");
  }

  @Test
  void nodeResolvesTheDenoKvClient() {
    String out = Peers.node("import { openKv } from '@deno/kv'; console.log(typeof openKv);", java.util.Map.of(), 60).orThrow();
    assertThat(out.trim()).isEqualTo("function");
  }
}
