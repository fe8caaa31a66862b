package dev.denokv.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The properties the README documents are known to IDEs through the generated metadata. */
class ConfigurationMetadataTest {

  @Test
  void everyDocumentedPropertyHasMetadata() throws Exception {
    Set<String> names = new HashSet<>();
    JsonMapper json = JsonMapper.builder().build();
    for (URL url : Collections.list(getClass().getClassLoader()
        .getResources("META-INF/spring-configuration-metadata.json"))) {
      try (InputStream in = url.openStream()) {
        for (JsonNode property : json.readTree(in).path("properties")) {
          names.add(property.path("name").asString());
        }
      }
    }
    assertThat(names).contains("kv.url", "kv.access-token", "kv.path", "kv.in-memory",
        "kv.server.enabled", "management.health.kv.enabled", "spring.data.kv.repositories.type");
  }
}
