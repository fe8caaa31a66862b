package dev.denokv.boot.autoconfigure.data;

import dev.denokv.KvTemplate;
import dev.denokv.boot.autoconfigure.KvAutoConfiguration;
import dev.denokv.repository.KvRepository;
import dev.denokv.repository.support.KvRepositoryFactoryBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.data.ConditionalOnRepositoryType;
import org.springframework.boot.autoconfigure.data.RepositoryType;
import org.springframework.context.annotation.Import;

/**
 * Deno KV repositories: every {@link KvRepository} interface in the application's packages becomes
 * a bean, as if the application were annotated with
 * {@link dev.denokv.repository.config.EnableKvRepositories}. Backs off when the application uses
 * that annotation itself; {@code spring.data.kv.repositories.type=none} turns it off.
 */
@AutoConfiguration(after = KvAutoConfiguration.class)
@ConditionalOnClass(KvRepository.class)
@ConditionalOnBean(KvTemplate.class)
@ConditionalOnMissingBean(KvRepositoryFactoryBean.class)
@ConditionalOnRepositoryType(store = "kv", type = RepositoryType.IMPERATIVE)
@Import(KvRepositoriesRegistrar.class)
public class KvRepositoriesAutoConfiguration {}
