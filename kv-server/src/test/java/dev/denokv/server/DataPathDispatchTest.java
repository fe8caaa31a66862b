package dev.denokv.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.deno.kv.datapath.SnapshotReadOutput;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.context.support.ServletRequestHandledEvent;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Snapshot reads and atomic writes are answered by the request filter, ahead of Spring MVC's
 * dispatch, while the metadata exchange goes through Spring MVC; an observation filter in front
 * sees every request, each under its route's pattern.
 */
@SpringBootTest(classes = {KvConnectTestApplication.class, DataPathDispatchTest.Observed.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DataPathDispatchTest {

  @LocalServerPort int port;
  @Autowired Observed observed;

  @Test
  void dataPathCallsSkipSpringMvcAndAreObservedUnderTheirRoutes() throws Exception {
    JavaKvConnectClient client = new JavaKvConnectClient(port);
    JavaKvConnectClient.Session s = client.session();
    byte[] key = Protos.key("dispatch", "k");

    assertThat(client.post(s, "atomic_write", Protos.write(Protos.set(key, Protos.le64(7))).toByteArray()).statusCode())
        .isEqualTo(200);
    var read = client.post(s, "snapshot_read", Protos.prefixRead(Protos.key("dispatch"), 10).toByteArray());
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.headers().firstValue("content-type")).hasValue("application/x-protobuf");
    assertThat(SnapshotReadOutput.parseFrom(read.body()).getRanges(0).getValues(0).getKey().toByteArray())
        .isEqualTo(key);
    var refused = client.post(s, "snapshot_read", new byte[] {0x0A, 0x7F});
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(new String(refused.body(), StandardCharsets.UTF_8))
        .isEqualTo("The request body is not a valid protobuf message.");

    // An observation stops once its request has left every filter and servlet: after these four,
    // Spring MVC has reported every request it handled.
    List<String> observations = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String o = observed.observations.poll(30, TimeUnit.SECONDS);
      assertThat(o).as("observation %d", i).isNotNull();
      observations.add(o);
    }
    assertThat(observations).containsExactlyInAnyOrder(
        "/kv /kv", "/kv/data/atomic_write /kv/data/atomic_write",
        "/kv/data/snapshot_read /kv/data/snapshot_read", "/kv/data/snapshot_read /kv/data/snapshot_read");
    assertThat(observed.dispatched).containsExactly("/kv");
  }

  /** An observation filter in front of every other, and a record of what Spring MVC handled. */
  @TestConfiguration(proxyBeanMethods = false)
  static class Observed implements ApplicationListener<ServletRequestHandledEvent> {

    /** "uri pattern" of each stopped server request observation. */
    final BlockingQueue<String> observations = new LinkedBlockingQueue<>();
    /** The URIs of the requests Spring MVC's dispatcher servlet handled. */
    final List<String> dispatched = new CopyOnWriteArrayList<>();

    @Bean
    FilterRegistrationBean<ServerHttpObservationFilter> observationFilter() {
      ObservationRegistry registry = ObservationRegistry.create();
      registry.observationConfig().observationHandler(new ObservationHandler<ServerRequestObservationContext>() {
        @Override
        public boolean supportsContext(Observation.Context context) {
          return context instanceof ServerRequestObservationContext;
        }

        @Override
        public void onStop(ServerRequestObservationContext context) {
          observations.add(context.getCarrier().getRequestURI() + " " + context.getPathPattern());
        }
      });
      FilterRegistrationBean<ServerHttpObservationFilter> registration =
          new FilterRegistrationBean<>(new ServerHttpObservationFilter(registry));
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
      return registration;
    }

    @Override
    public void onApplicationEvent(ServletRequestHandledEvent event) {
      dispatched.add(event.getRequestUrl());
    }
  }
}
