package dev.denokv.repository.config;

import dev.denokv.repository.support.KvRepositoryFactoryBean;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.Import;
import org.springframework.data.repository.config.DefaultRepositoryBaseClass;
import org.springframework.data.repository.query.QueryLookupStrategy;

/**
 * Creates a bean for every {@link dev.denokv.repository.KvRepository} interface in the packages of
 * the annotated class (or those given), reading and writing through the {@link dev.denokv.KvTemplate}
 * bean named {@link #kvTemplateRef()}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Import(KvRepositoriesRegistrar.class)
public @interface EnableKvRepositories {

  /** Alias of {@link #basePackages()}. */
  String[] value() default {};

  /** The packages to scan for repository interfaces (default: the annotated class's package). */
  String[] basePackages() default {};

  /** Classes whose packages are scanned. */
  Class<?>[] basePackageClasses() default {};

  /** Which interfaces to include. */
  Filter[] includeFilters() default {};

  /** Which interfaces to exclude. */
  Filter[] excludeFilters() default {};

  /** The suffix of custom implementation classes. */
  String repositoryImplementationPostfix() default "Impl";

  /** Not used: Deno KV has no query language; every query is derived from its method name. */
  String namedQueriesLocation() default "";

  /** Not used: every query method is derived from its name. */
  QueryLookupStrategy.Key queryLookupStrategy() default QueryLookupStrategy.Key.CREATE_IF_NOT_FOUND;

  /** The factory bean class of the repositories. */
  Class<?> repositoryFactoryBeanClass() default KvRepositoryFactoryBean.class;

  /** The base class of the repositories (default {@link dev.denokv.repository.support.SimpleKvRepository}). */
  Class<?> repositoryBaseClass() default DefaultRepositoryBaseClass.class;

  /** The name of the {@link dev.denokv.KvTemplate} bean. */
  String kvTemplateRef() default "kvTemplate";

  /** The name of the {@link dev.denokv.repository.mapping.KvMappingContext} bean (registered if absent). */
  String mappingContextRef() default KvRepositoryConfigurationExtension.MAPPING_CONTEXT_BEAN_NAME;

  /** Whether nested repository interfaces are picked up. */
  boolean considerNestedRepositories() default false;
}
