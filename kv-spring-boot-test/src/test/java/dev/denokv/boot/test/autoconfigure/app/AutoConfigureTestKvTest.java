package dev.denokv.boot.test.autoconfigure.app;

import dev.denokv.boot.test.autoconfigure.AutoConfigureTestKv;
import dev.denokv.boot.test.autoconfigure.DataKvTest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.spi.Database;
import dev.denokv.sqlite.SqliteDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest
@AutoConfigureTestKv
class AutoConfigureTestKvTest {

  @Autowired
  TodoService service;

  @Autowired
  TodoRepository todos;

  @Autowired
  Database database;

  @Test
  void theWholeApplicationOnAPrivateInMemoryDatabase() {
    assertThat(service).isNotNull();
    assertThat(((SqliteDatabase) database).file()).isEmpty();
    todos.save(new Todo("t1", "ann", "x"));
    assertThat(todos.count()).isEqualTo(1);
    assertThat(Files.exists(Path.of("target/application-data"))).isFalse();
  }
}
