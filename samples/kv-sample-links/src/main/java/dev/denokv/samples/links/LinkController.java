package dev.denokv.samples.links;

import dev.denokv.error.KvInvalidArgumentException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The HTTP API: {@code /api/links} to create, read, list and delete links,
 * {@code /api/links/{code}/clicks} to follow a click counter as server-sent events, and
 * {@code /r/{code}} to follow a link.
 */
@RestController
class LinkController {

  private static final int MAX_PAGE = 100;

  /** The longest time-to-live accepted: ten years. */
  static final long MAX_TTL_SECONDS = Duration.ofDays(3650).toSeconds();

  private final LinkService links;
  private final ClickStreams clickStreams;

  LinkController(LinkService links, ClickStreams clickStreams) {
    this.links = links;
    this.clickStreams = clickStreams;
  }

  /** A request to shorten {@code url}; {@code code} and {@code ttlSeconds} are optional. */
  record CreateLink(@Nullable String code, @Nullable String url, @Nullable String owner, @Nullable Long ttlSeconds) {}

  /** A link with its click count. */
  record LinkView(Link link, long clicks) {}

  @PostMapping("/api/links")
  ResponseEntity<Link> create(@RequestBody CreateLink request) {
    String url = request.url();
    if (url == null || !isWebAddress(url)) {
      throw new IllegalArgumentException("url must be an http:// or https:// address with a host name");
    }
    if (request.code() != null && !LinkService.CODE.matcher(request.code()).matches()) {
      throw new IllegalArgumentException("code must be 3 to 32 letters, digits, '-' or '_'");
    }
    if (request.ttlSeconds() != null && (request.ttlSeconds() < 1 || request.ttlSeconds() > MAX_TTL_SECONDS)) {
      throw new IllegalArgumentException(
          "ttlSeconds must be between 1 and " + MAX_TTL_SECONDS + " (ten years): received " + request.ttlSeconds());
    }
    String owner = request.owner() == null || request.owner().isBlank() ? "anonymous" : request.owner();
    Duration ttl = request.ttlSeconds() == null ? null : Duration.ofSeconds(request.ttlSeconds());
    Link link = links.create(request.code(), url, owner, ttl);
    return ResponseEntity.created(URI.create("/api/links/" + link.code())).body(link);
  }

  @GetMapping("/api/links/{code}")
  ResponseEntity<LinkView> get(@PathVariable String code) {
    return links.find(code)
        .map(link -> ResponseEntity.ok(new LinkView(link, links.clicks(code))))
        .orElseGet(() -> ResponseEntity.notFound().build());
  }

  @GetMapping("/api/links")
  LinkService.Page list(
      @RequestParam(defaultValue = "anonymous") String owner,
      @RequestParam(defaultValue = "20") int limit,
      @RequestParam(required = false) @Nullable String cursor) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE);
    }
    return links.page(owner, limit, cursor);
  }

  @DeleteMapping("/api/links/{code}")
  ResponseEntity<Void> delete(@PathVariable String code) {
    return links.delete(code) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
  }

  @GetMapping("/r/{code}")
  ResponseEntity<Void> follow(@PathVariable String code) {
    return links.find(code)
        .map(link -> {
          links.recordClick(code);
          return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(link.url())).<Void>build();
        })
        .orElseGet(() -> ResponseEntity.notFound().build());
  }

  /**
   * The click counts of the given codes (those a page shows) in one stream: {@code clicks} events,
   * each a JSON object of codes and counts, at once and after every change, until the client goes
   * away.
   */
  @GetMapping(path = "/api/clicks", produces = "text/event-stream")
  SseEmitter clicks(@RequestParam List<String> code) {
    if (code.isEmpty() || code.size() > MAX_PAGE) {
      throw new IllegalArgumentException("between 1 and " + MAX_PAGE + " codes can be followed at once");
    }
    for (String c : code) {
      if (!LinkService.CODE.matcher(c).matches()) {
        throw new IllegalArgumentException("not a code: " + c);
      }
    }
    return clickStreams.open(List.copyOf(new LinkedHashSet<>(code)));
  }

  /** The click count of one link now and after every change, as {@code clicks} events. */
  @GetMapping(path = "/api/links/{code}/clicks", produces = "text/event-stream")
  SseEmitter clicksOf(@PathVariable String code) {
    return clicks(List.of(code));
  }

  private static boolean isWebAddress(String url) {
    try {
      URI uri = new URI(url);
      return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null && !uri.getHost().isBlank();
    } catch (URISyntaxException e) {
      return false;
    }
  }

  @ExceptionHandler(LinkService.CodeTakenException.class)
  ProblemDetail taken(LinkService.CodeTakenException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        "The request is not a link in JSON: url and code are strings, ttlSeconds a whole number of seconds between 1 and "
            + MAX_TTL_SECONDS);
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail badRequest(IllegalArgumentException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(KvInvalidArgumentException.class)
  ProblemDetail badKvArgument(KvInvalidArgumentException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
  }

}
