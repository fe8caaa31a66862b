package dev.denokv.samples.links;

import dev.denokv.KvSubscription;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One server-sent event stream per page: the click counters of every link the page shows, fed by
 * watches of up to {@link LinkService#MAX_WATCHED} counters each. Open streams are completed when
 * the application stops, so that shutdown does not wait for browsers to go away.
 */
@Component
class ClickStreams implements SmartLifecycle {

  private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

  private final LinkService links;
  private final Set<SseEmitter> open = ConcurrentHashMap.newKeySet();
  private volatile boolean running;

  ClickStreams(LinkService links) {
    this.links = links;
  }

  /**
   * A stream sending {@code clicks} events, each a JSON object of codes and their counts: every
   * count at once, then the counts of a group of codes whenever one of them changes.
   */
  SseEmitter open(List<String> codes) {
    SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
    open.add(emitter);
    List<KvSubscription> subscriptions = new ArrayList<>();
    Runnable cleanUp = () -> {
      open.remove(emitter);
      synchronized (subscriptions) {
        subscriptions.forEach(KvSubscription::close);
        subscriptions.clear();
      }
    };
    emitter.onCompletion(cleanUp);
    emitter.onTimeout(cleanUp);
    emitter.onError(e -> cleanUp.run());
    for (int from = 0; from < codes.size(); from += LinkService.MAX_WATCHED) {
      List<String> group = codes.subList(from, Math.min(codes.size(), from + LinkService.MAX_WATCHED));
      KvSubscription subscription = links.watchClicks(group, counts -> send(emitter, counts), emitter::completeWithError);
      synchronized (subscriptions) {
        subscriptions.add(subscription);
      }
    }
    if (!open.contains(emitter)) {
      cleanUp.run(); // the stream ended while its watches were being opened
    }
    return emitter;
  }

  private static void send(SseEmitter emitter, Map<String, Long> counts) {
    try {
      emitter.send(SseEmitter.event().name("clicks").data(counts));
    } catch (IOException | IllegalStateException e) {
      emitter.completeWithError(e);
    }
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    for (SseEmitter emitter : open) {
      emitter.complete();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
