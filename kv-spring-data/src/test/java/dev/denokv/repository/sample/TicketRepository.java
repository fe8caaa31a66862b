package dev.denokv.repository.sample;

import dev.denokv.repository.KvRepository;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

public interface TicketRepository extends KvRepository<Ticket, Long> {

  List<Ticket> findByQueue(String queue);

  Window<Ticket> findByQueue(String queue, ScrollPosition position, Limit limit);

  long countByQueue(String queue);
}
