package dev.denokv.samples.notes;

import dev.denokv.Versionstamp;
import dev.denokv.repository.Indexed;
import dev.denokv.repository.KvEntity;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.CreatedBy;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

/** A note, stored at {@code ["notes", id]} and indexed by author at {@code ["notes_by_author", author, id]}. */
@KvEntity(prefix = "notes")
public class Note {

  @Id
  private @Nullable String id;
  @Indexed
  private @Nullable String author;
  private @Nullable String title;
  private @Nullable String text;
  @Version
  private @Nullable Versionstamp version;
  @CreatedDate
  private @Nullable Instant createdAt;
  @LastModifiedDate
  private @Nullable Instant modifiedAt;
  @CreatedBy
  private @Nullable String createdBy;

  public Note() {}

  public Note(String author, String title, String text) {
    this.author = author;
    this.title = title;
    this.text = text;
  }

  public @Nullable String getId() { return id; }
  public void setId(@Nullable String id) { this.id = id; }
  public @Nullable String getAuthor() { return author; }
  public void setAuthor(@Nullable String author) { this.author = author; }
  public @Nullable String getTitle() { return title; }
  public void setTitle(@Nullable String title) { this.title = title; }
  public @Nullable String getText() { return text; }
  public void setText(@Nullable String text) { this.text = text; }
  public @Nullable Versionstamp getVersion() { return version; }
  public void setVersion(@Nullable Versionstamp version) { this.version = version; }
  public @Nullable Instant getCreatedAt() { return createdAt; }
  public void setCreatedAt(@Nullable Instant createdAt) { this.createdAt = createdAt; }
  public @Nullable Instant getModifiedAt() { return modifiedAt; }
  public void setModifiedAt(@Nullable Instant modifiedAt) { this.modifiedAt = modifiedAt; }
  public @Nullable String getCreatedBy() { return createdBy; }
  public void setCreatedBy(@Nullable String createdBy) { this.createdBy = createdBy; }
}
