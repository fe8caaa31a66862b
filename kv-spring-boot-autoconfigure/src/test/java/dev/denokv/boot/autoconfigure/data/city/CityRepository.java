package dev.denokv.boot.autoconfigure.data.city;

import dev.denokv.repository.KvRepository;
import java.util.List;

public interface CityRepository extends KvRepository<City, String> {

  List<City> findByCountry(String country);
}
