package dev.denokv.boot.test.autoconfigure;

import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;

/** Keeps components out of a {@link DataKvTest} context unless its filters include them. */
final class DataKvTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<DataKvTest> {

  DataKvTypeExcludeFilter(Class<?> testClass) {
    super(testClass);
  }
}
