package dev.denokv.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.denokv.KvTemplate;
import dev.denokv.repository.sample.Status;
import dev.denokv.repository.sample.Ticket;
import dev.denokv.repository.sample.TicketRepository;
import dev.denokv.repository.sample.User;
import dev.denokv.repository.sample.UserRepository;
import dev.denokv.repository.support.KvRepositoryFactory;
import dev.denokv.sqlite.SqliteDatabase;
import dev.denokv.testing.Peers;
import dev.denokv.value.codec.DenoValueCodec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A repository and the real Deno 2.9.6 CLI share one SQLite file, each reading what the other wrote. */
class DenoInteropTest {

  @TempDir
  Path dir;

  private static KvTemplate open(Path file) {
    return KvTemplate.builder(SqliteDatabase.open(file)).valueCodec(DenoValueCodec.defaults()).build();
  }

  @Test
  void denoReadsEntitiesAsPlainObjectsAndFindsThemThroughTheIndexKeys() {
    Path file = dir.resolve("kv.sqlite3");
    User ada;
    try (KvTemplate template = open(file)) {
      KvRepositoryFactory factory = new KvRepositoryFactory(template);
      UserRepository users = factory.getRepository(UserRepository.class);
      ada = users.save(new User("u1", "ada@example.com", Status.ACTIVE, "Ada", 36));
      users.save(new User("u2", "bob@example.com", Status.SUSPENDED, "Bob", 41));
      factory.getRepository(TicketRepository.class).save(new Ticket(7L, "support", "Printer on fire"));
    }

    String out = Peers.deno("""
        const kv = await Deno.openKv(%s);
        const lines = [];
        for await (const e of kv.list({ prefix: ["users"] })) {
          const plain = Object.getPrototypeOf(e.value) === Object.prototype;
          lines.push(`${JSON.stringify(e.key)} ${JSON.stringify(e.value)} plain=${plain} vs=${e.versionstamp}`);
        }
        const byEmail = await kv.get(["users_by_email", "ada@example.com"]);
        const user = await kv.get(["users", byEmail.value]);
        lines.push(`byEmail ${user.value.name}`);
        for await (const e of kv.list({ prefix: ["users_by_status", "SUSPENDED"] })) {
          const u = await kv.get(["users", e.key[2]]);
          lines.push(`byStatus ${u.value.name}`);
        }
        for await (const e of kv.list({ prefix: ["tickets_by_queue", "support"] })) {
          const t = await kv.get(["tickets", e.key[2]]);
          lines.push(`ticket ${typeof e.key[2]} ${e.key[2]} ${t.value.title} ${typeof t.value.id}`);
        }
        console.log(lines.join("\\n"));
        kv.close();
        """.formatted(jsString(file))).orThrow();

    assertThat(out.lines().toList()).containsExactly(
        "[\"users\",\"u1\"] {\"id\":\"u1\",\"email\":\"ada@example.com\",\"status\":\"ACTIVE\",\"name\":\"Ada\",\"age\":36}"
            + " plain=true vs=" + ada.getVersion().toHex(),
        "[\"users\",\"u2\"] {\"id\":\"u2\",\"email\":\"bob@example.com\",\"status\":\"SUSPENDED\",\"name\":\"Bob\",\"age\":41}"
            + " plain=true vs=" + versionOf(file, "u2"),
        "byEmail Ada",
        "byStatus Bob",
        "ticket number 7 Printer on fire number");
  }

  @Test
  void theRepositoryReadsEntitiesAndIndexKeysDenoWrote() {
    Path file = dir.resolve("kv.sqlite3");
    try (KvTemplate template = open(file)) {
      new KvRepositoryFactory(template).getRepository(UserRepository.class)
          .save(new User("u1", "ada@example.com", Status.ACTIVE, "Ada", 36));
    }

    Peers.deno("""
        const kv = await Deno.openKv(%s);
        const user = { id: "u3", email: "cy@example.com", status: "ACTIVE", name: "Cy", age: 23, hobby: "chess" };
        const res = await kv.atomic()
          .check({ key: ["users", user.id], versionstamp: null })
          .check({ key: ["users_by_email", user.email], versionstamp: null })
          .set(["users", user.id], user)
          .set(["users_by_email", user.email], user.id)
          .set(["users_by_status", user.status, user.id], user.id)
          .set(["tickets", 42], { id: 42, queue: "deno", title: "Written by Deno" })
          .set(["tickets_by_queue", "deno", 42], 42)
          .commit();
        if (!res.ok) throw new Error("commit failed");
        // Deno's documented secondary-index pattern: the whole object at the unique index key.
        const dee = { id: "u4", email: "dee@example.com", status: "SUSPENDED", name: "Dee", age: 30 };
        await kv.atomic()
          .set(["users", dee.id], dee)
          .set(["users_by_email", dee.email], dee)
          .set(["users_by_status", dee.status, dee.id], dee)
          .commit();
        kv.close();
        """.formatted(jsString(file))).orThrow();

    try (KvTemplate template = open(file)) {
      KvRepositoryFactory factory = new KvRepositoryFactory(template);
      UserRepository users = factory.getRepository(UserRepository.class);
      User cy = users.findById("u3").orElseThrow();
      assertThat(cy.getName()).isEqualTo("Cy");
      assertThat(cy.getAge()).isEqualTo(23);
      assertThat(cy.getVersion()).isNotNull();
      assertThat(users.findByEmail("cy@example.com")).map(User::getId).contains("u3");
      assertThat(users.findByStatus(Status.ACTIVE)).extracting(User::getId).containsExactly("u1", "u3");
      assertThat(users.findByEmail("dee@example.com")).map(User::getName).contains("Dee");
      assertThat(users.findByStatus(Status.SUSPENDED)).extracting(User::getId).containsExactly("u4");
      users.deleteById("u4");
      TicketRepository tickets = factory.getRepository(TicketRepository.class);
      assertThat(tickets.findByQueue("deno")).extracting(Ticket::id, Ticket::title).containsExactly(
          tuple(42L, "Written by Deno"));

      // An update through the repository replaces the index keys Deno wrote.
      cy.setEmail("cy@new.example.com");
      cy.setStatus(Status.SUSPENDED);
      users.save(cy);
      assertThat(Kv.keys(template)).containsExactly(
          "[\"tickets\", 42]",
          "[\"tickets_by_queue\", \"deno\", 42]",
          "[\"users\", \"u1\"]",
          "[\"users\", \"u3\"]",
          "[\"users_by_email\", \"ada@example.com\"]",
          "[\"users_by_email\", \"cy@new.example.com\"]",
          "[\"users_by_status\", \"ACTIVE\", \"u1\"]",
          "[\"users_by_status\", \"SUSPENDED\", \"u3\"]");
    }
  }

  private static String versionOf(Path file, String id) {
    try (KvTemplate template = open(file)) {
      return new KvRepositoryFactory(template).getRepository(UserRepository.class).findById(id).orElseThrow()
          .getVersion().toHex();
    }
  }

  private static String jsString(Path file) {
    return "\"" + file.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
