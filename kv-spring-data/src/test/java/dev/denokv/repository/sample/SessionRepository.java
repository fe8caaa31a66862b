package dev.denokv.repository.sample;

import dev.denokv.repository.KvRepository;
import java.util.List;
import java.util.UUID;

public interface SessionRepository extends KvRepository<Session, UUID> {

  List<Session> findByOwner(String owner);
}
