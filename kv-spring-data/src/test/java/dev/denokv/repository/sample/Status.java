package dev.denokv.repository.sample;

public enum Status {
  ACTIVE,
  SUSPENDED
}
