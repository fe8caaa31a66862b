package dev.denokv.boot.test.autoconfigure.app;

import dev.denokv.repository.KvRepository;
import java.util.List;

public interface TodoRepository extends KvRepository<Todo, String> {
  List<Todo> findByOwner(String owner);
}
