package dev.denokv.server;

import dev.denokv.error.KvException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A token-signing secret kept in a small file (32 random bytes, base64), created once with
 * owner-only permissions where the file system has POSIX permissions, and read thereafter;
 * concurrent creators agree on whichever file was written first. Neither the secret nor the file's
 * content ever appears in a message.
 */
public final class FileTokenSecretStore implements TokenSecretStore {

  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private final Path file;
  private volatile byte @Nullable [] secret;

  /** The secret kept in {@code file}, created if it does not exist yet. */
  public FileTokenSecretStore(Path file) {
    this.file = file.toAbsolutePath();
  }

  /** The file holding the secret. */
  public Path file() {
    return file;
  }

  @Override
  public byte[] secret() {
    byte[] cached = secret;
    if (cached == null) {
      synchronized (this) {
        if (secret == null) {
          secret = loadOrCreate();
        }
        cached = secret;
      }
    }
    return cached.clone();
  }

  private byte[] loadOrCreate() {
    try {
      if (!Files.exists(file)) {
        create();
      }
      return read();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the token secret file " + file, e);
    }
  }

  private void create() throws IOException {
    Files.createDirectories(file.getParent());
    boolean posix = Files.getFileAttributeView(file.getParent(), PosixFileAttributeView.class) != null;
    FileAttribute<?>[] attributes =
        posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
    Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp", attributes);
    try {
      byte[] random = new byte[MIN_SECRET_BYTES];
      new SecureRandom().nextBytes(random);
      Files.writeString(tmp, Base64.getEncoder().encodeToString(random) + "\n", StandardCharsets.US_ASCII);
      Files.move(tmp, file);
    } catch (FileAlreadyExistsException e) {
      // Another process created it first; its secret wins.
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private byte[] read() throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new KvException("The token secret file " + file + " does not hold base64 text");
    }
    if (bytes.length < MIN_SECRET_BYTES) {
      throw new KvException(
          "The token secret file " + file + " holds fewer than " + MIN_SECRET_BYTES + " bytes");
    }
    return bytes;
  }

  @Override
  public String toString() {
    return "FileTokenSecretStore[" + file + "]";
  }
}
