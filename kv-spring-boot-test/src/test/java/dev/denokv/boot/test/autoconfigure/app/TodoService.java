package dev.denokv.boot.test.autoconfigure.app;

import org.springframework.stereotype.Service;

/** A component a @DataKvTest leaves out. */
@Service
public class TodoService {}
