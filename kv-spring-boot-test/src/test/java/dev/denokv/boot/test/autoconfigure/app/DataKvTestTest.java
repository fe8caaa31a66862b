package dev.denokv.boot.test.autoconfigure.app;

import dev.denokv.boot.test.autoconfigure.AutoConfigureTestKv;
import dev.denokv.boot.test.autoconfigure.DataKvTest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.KvTemplate;
import dev.denokv.spi.Database;
import dev.denokv.sqlite.SqliteDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

@DataKvTest
class DataKvTestTest {

  @Autowired
  TodoRepository todos;

  @Autowired
  KvTemplate kv;

  @Autowired
  TransactionTemplate tx;

  @Autowired
  ApplicationContext context;

  @Test
  void onlyTheKvLayerOnAPrivateInMemoryDatabase() {
    assertThat(context.getBeansOfType(TodoService.class)).isEmpty();
    assertThat(context.getBean(Database.class)).isInstanceOf(SqliteDatabase.class);
    assertThat(((SqliteDatabase) context.getBean(Database.class)).file()).isEmpty();
    assertThat(Files.exists(Path.of("target/application-data"))).isFalse();

    todos.save(new Todo("t1", "ann", "write tests"));
    assertThat(todos.findByOwner("ann")).extracting(Todo::text).containsExactly("write tests");
  }

  @Test
  void transactionsAndTranslationAreThere() {
    assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
      todos.save(new Todo("t2", "bob", "rolled back"));
      throw new IllegalStateException("boom");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(todos.findById("t2")).isEmpty();
    assertThatThrownBy(() -> todos.save(new Todo("t3", "bob", "x".repeat(70_000))))
        .isInstanceOf(org.springframework.dao.InvalidDataAccessApiUsageException.class);
  }
}
