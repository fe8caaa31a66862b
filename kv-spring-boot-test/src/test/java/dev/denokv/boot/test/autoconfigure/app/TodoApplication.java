package dev.denokv.boot.test.autoconfigure.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class TodoApplication {}
