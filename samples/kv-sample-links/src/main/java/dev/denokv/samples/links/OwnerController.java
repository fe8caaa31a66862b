package dev.denokv.samples.links;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/owners}: owner profiles through {@link OwnerRepository}. */
@RestController
class OwnerController {

  private final OwnerRepository owners;

  OwnerController(OwnerRepository owners) {
    this.owners = owners;
  }

  @PutMapping("/api/owners/{name}")
  Owner save(@PathVariable String name, @RequestBody Owner owner) {
    owner.setName(name);
    return owners.save(owner);
  }

  @GetMapping("/api/owners/{name}")
  ResponseEntity<Owner> get(@PathVariable String name) {
    return ResponseEntity.of(owners.findById(name));
  }

  @GetMapping(path = "/api/owners", params = "email")
  ResponseEntity<Owner> byEmail(@RequestParam String email) {
    return ResponseEntity.of(owners.findByEmail(email));
  }

  @ExceptionHandler(DuplicateKeyException.class)
  ProblemDetail emailTaken(DuplicateKeyException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "This e-mail address belongs to another owner");
  }
}
