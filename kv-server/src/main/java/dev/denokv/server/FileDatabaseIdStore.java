package dev.denokv.server;

import dev.denokv.error.KvException;
import dev.denokv.error.KvInvalidArgumentException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A database id kept in a small text file. The file is created once, with a random UUID, and
 * read thereafter; concurrent creators agree on whichever file was written first.
 */
public final class FileDatabaseIdStore implements DatabaseIdStore {

  private final Path file;
  private volatile UUID id;

  /** The id kept in {@code file}, created if it does not exist yet. */
  public FileDatabaseIdStore(Path file) {
    this.file = file.toAbsolutePath();
  }

  /** The file holding the id. */
  public Path file() {
    return file;
  }

  @Override
  public UUID databaseId() {
    UUID cached = id;
    if (cached == null) {
      synchronized (this) {
        if (id == null) {
          id = loadOrCreate();
        }
        cached = id;
      }
    }
    return cached;
  }

  private UUID loadOrCreate() {
    try {
      if (!Files.exists(file)) {
        create();
      }
      return read();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the database id file " + file, e);
    }
  }

  private void create() throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    try {
      Files.writeString(tmp, UUID.randomUUID() + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file);
    } catch (FileAlreadyExistsException e) {
      // Another process created it first; its id wins.
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private UUID read() throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8).trim();
    try {
      return DatabaseIds.requireNotNil(UUID.fromString(text));
    } catch (IllegalArgumentException | KvInvalidArgumentException e) {
      throw new KvException("The database id file " + file + " does not hold a valid UUID", e);
    }
  }
}
