package dev.denokv.samples.links;

import dev.denokv.annotation.KvQueueListener;
import org.springframework.stereotype.Component;

/** Counts the clicks enqueued by redirects. */
@Component
class ClickCounter {

  private final LinkService links;

  ClickCounter(LinkService links) {
    this.links = links;
  }

  @KvQueueListener
  void onClick(ClickEvent click) {
    links.count(click);
  }
}
