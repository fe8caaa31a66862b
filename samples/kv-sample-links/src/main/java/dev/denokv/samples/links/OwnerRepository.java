package dev.denokv.samples.links;

import dev.denokv.repository.KvRepository;
import java.util.Optional;

/** Owner profiles; a bean created by the starter's repository auto-configuration. */
public interface OwnerRepository extends KvRepository<Owner, String> {

  Optional<Owner> findByEmail(String email);
}
