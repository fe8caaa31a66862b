package dev.denokv.boot.test.autoconfigure;

import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;

/** Adds the {@link DataKvTest#properties()} to the test's environment. */
class DataKvTestContextBootstrapper extends TestSliceTestContextBootstrapper<DataKvTest> {}
