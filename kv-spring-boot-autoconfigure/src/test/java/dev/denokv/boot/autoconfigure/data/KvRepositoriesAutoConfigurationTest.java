package dev.denokv.boot.autoconfigure.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.KvTemplate;
import dev.denokv.boot.autoconfigure.KvAutoConfiguration;
import dev.denokv.boot.autoconfigure.data.city.City;
import dev.denokv.boot.autoconfigure.data.city.CityRepository;
import dev.denokv.key.KvKey;
import dev.denokv.repository.KvRepository;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class KvRepositoriesAutoConfigurationTest {

  @Configuration(proxyBeanMethods = false)
  @AutoConfigurationPackage(basePackageClasses = City.class)
  static class Application {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(KvAutoConfiguration.class, KvRepositoriesAutoConfiguration.class))
          .withUserConfiguration(Application.class)
          .withPropertyValues("kv.in-memory=true");

  @Test
  void repositoriesInTheApplicationsPackagesBecomeBeansOverTheTemplate() {
    runner.run(context -> {
      CityRepository cities = context.getBean(CityRepository.class);
      cities.save(new City("lyon", "fr"));
      cities.save(new City("paris", "fr"));
      cities.save(new City("oslo", "no"));
      assertThat(cities.findByCountry("fr")).extracting(City::getId).containsExactlyInAnyOrder("lyon", "paris");
      @SuppressWarnings("unchecked")
      Map<String, Object> stored = context.getBean(KvTemplate.class).get(KvKey.of("cities", "oslo"), Map.class).value();
      assertThat(stored).containsEntry("country", "no");
    });
  }

  @Test
  void repositoriesCanBeTurnedOff() {
    runner.withPropertyValues("spring.data.kv.repositories.type=none")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(CityRepository.class));
  }

  @Test
  void withoutTheSpringDataModuleThereAreNoRepositories() {
    runner.withClassLoader(new FilteredClassLoader(KvRepository.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(CityRepository.class)
            .hasSingleBean(KvTemplate.class));
  }
}
