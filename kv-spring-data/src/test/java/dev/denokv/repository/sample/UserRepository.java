package dev.denokv.repository.sample;

import dev.denokv.repository.KvRepository;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

public interface UserRepository extends KvRepository<User, String> {

  Optional<User> findByEmail(String email);

  User getByEmail(String email);

  List<User> findByStatus(Status status);

  Stream<User> streamByStatus(Status status);

  List<User> findFirst2ByStatus(Status status);

  List<User> findByStatusAndEmail(Status status, String email);

  Window<User> findByStatus(Status status, ScrollPosition position, Limit limit);

  boolean existsByEmail(String email);

  boolean existsByStatus(Status status);

  long countByStatus(Status status);

  int countByEmail(String email);

  long deleteByStatus(Status status);

  List<User> removeByEmail(String email);
}
