package dev.denokv.samples.links;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A link shortener whose links live in Deno KV (embedded SQLite by default, or any KV Connect database). */
@SpringBootApplication
public class LinksApplication {

  public static void main(String[] args) {
    SpringApplication.run(LinksApplication.class, args);
  }
}
