package dev.denokv.repository.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.KvTemplate;
import dev.denokv.key.KvKey;
import dev.denokv.repository.mapping.KvMappingContext;
import dev.denokv.repository.sample.Status;
import dev.denokv.repository.sample.TicketRepository;
import dev.denokv.repository.sample.User;
import dev.denokv.repository.sample.UserRepository;
import dev.denokv.sqlite.SqliteDatabase;
import dev.denokv.value.codec.DenoValueCodec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

@SpringJUnitConfig(EnableKvRepositoriesTest.Config.class)
class EnableKvRepositoriesTest {

  @Configuration
  @EnableKvRepositories(basePackageClasses = UserRepository.class)
  static class Config {

    @Bean(destroyMethod = "close")
    KvTemplate kvTemplate() {
      return KvTemplate.builder(SqliteDatabase.inMemory()).valueCodec(DenoValueCodec.defaults()).build();
    }
  }

  @Configuration
  @EnableKvRepositories(basePackageClasses = UserRepository.class, kvTemplateRef = "otherTemplate")
  static class NamedTemplateConfig {

    @Bean(destroyMethod = "close")
    KvTemplate otherTemplate() {
      return KvTemplate.builder(SqliteDatabase.inMemory()).valueCodec(DenoValueCodec.defaults()).build();
    }
  }

  @Autowired
  UserRepository users;

  @Autowired
  TicketRepository tickets;

  @Autowired
  KvTemplate template;

  @Autowired
  KvMappingContext mappingContext;

  @Test
  void repositoriesAreBeansOverTheKvTemplateBean() {
    users.save(new User("u1", "ada@example.com", Status.ACTIVE, "Ada", 36));

    assertThat(template.get(KvKey.of("users", "u1")).exists()).isTrue();
    assertThat(users.findByEmail("ada@example.com")).isPresent();
    assertThat(tickets.count()).isZero();
    assertThat(mappingContext.getPersistentEntity(User.class).prefix()).isEqualTo("users");
  }

  @Test
  void kvTemplateRefNamesAnotherTemplate() {
    try (var context = new AnnotationConfigApplicationContext(NamedTemplateConfig.class)) {
      UserRepository repo = context.getBean(UserRepository.class);
      repo.save(new User("u9", "nine@example.com", Status.ACTIVE, "Nine", 9));

      KvTemplate other = context.getBean("otherTemplate", KvTemplate.class);
      assertThat(other.get(KvKey.of("users", "u9")).exists()).isTrue();
      assertThat(context.getBean(KvMappingContext.class)).isNotNull();
    }
  }
}
