package dev.denokv.samples.links;

import dev.denokv.KvSubscription;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent event streams of click counters, each fed by a KV watch. Open streams are completed
 * when the application stops, so that shutdown does not wait for browsers to go away.
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

  /** A stream sending a {@code clicks} event with the count of {@code code} now and after every change. */
  SseEmitter open(String code) {
    SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
    open.add(emitter);
    KvSubscription subscription = links.watchClicks(
        code,
        count -> {
          try {
            emitter.send(SseEmitter.event().name("clicks").data(count));
          } catch (IOException | IllegalStateException e) {
            emitter.completeWithError(e);
          }
        },
        emitter::completeWithError);
    Runnable cleanUp = () -> {
      open.remove(emitter);
      subscription.close();
    };
    emitter.onCompletion(cleanUp);
    emitter.onTimeout(cleanUp);
    emitter.onError(e -> cleanUp.run());
    return emitter;
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
