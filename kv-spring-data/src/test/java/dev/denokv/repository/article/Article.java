package dev.denokv.repository.article;

import dev.denokv.Versionstamp;
import dev.denokv.repository.Indexed;
import dev.denokv.repository.KvEntity;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.CreatedBy;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedBy;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

@KvEntity(prefix = "articles")
public class Article {

  @Id
  private @Nullable String id;
  @Indexed
  private @Nullable String author;
  private @Nullable String title;
  private @Nullable String body;
  @Version
  private @Nullable Versionstamp version;
  @CreatedDate
  private @Nullable Instant createdAt;
  @LastModifiedDate
  private @Nullable Instant modifiedAt;
  @CreatedBy
  private @Nullable String createdBy;
  @LastModifiedBy
  private @Nullable String modifiedBy;

  public Article() {}

  public Article(String id, String author, String title, String body) {
    this.id = id;
    this.author = author;
    this.title = title;
    this.body = body;
  }

  public @Nullable String getId() { return id; }
  public void setId(@Nullable String id) { this.id = id; }
  public @Nullable String getAuthor() { return author; }
  public void setAuthor(@Nullable String author) { this.author = author; }
  public @Nullable String getTitle() { return title; }
  public void setTitle(@Nullable String title) { this.title = title; }
  public @Nullable String getBody() { return body; }
  public void setBody(@Nullable String body) { this.body = body; }
  public @Nullable Versionstamp getVersion() { return version; }
  public void setVersion(@Nullable Versionstamp version) { this.version = version; }
  public @Nullable Instant getCreatedAt() { return createdAt; }
  public void setCreatedAt(@Nullable Instant createdAt) { this.createdAt = createdAt; }
  public @Nullable Instant getModifiedAt() { return modifiedAt; }
  public void setModifiedAt(@Nullable Instant modifiedAt) { this.modifiedAt = modifiedAt; }
  public @Nullable String getCreatedBy() { return createdBy; }
  public void setCreatedBy(@Nullable String createdBy) { this.createdBy = createdBy; }
  public @Nullable String getModifiedBy() { return modifiedBy; }
  public void setModifiedBy(@Nullable String modifiedBy) { this.modifiedBy = modifiedBy; }
}
