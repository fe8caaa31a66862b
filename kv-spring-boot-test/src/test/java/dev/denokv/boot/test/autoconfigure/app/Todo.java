package dev.denokv.boot.test.autoconfigure.app;

import dev.denokv.repository.Indexed;
import dev.denokv.repository.KvEntity;

@KvEntity(prefix = "todos")
public record Todo(@org.springframework.data.annotation.Id String id, @Indexed String owner, String text) {}
