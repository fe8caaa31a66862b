package dev.denokv.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Hides a request's {@code Content-Type} from Spring MVC when it is not one concrete media type
 * (such as {@code *}{@code /*}, {@code text/*} or unparsable text), on the KV Connect paths only.
 * The server reads its bodies by path, never by media type, but Spring MVC refuses to build a
 * request whose content type is a wildcard, before any handler could answer: without this filter
 * such a request ends in the container's 500 page and an error logged with its stack trace.
 * {@link KvConnectHandler#requestFilter()} makes one; register it with the servlet container
 * (Spring Boot does so for a {@code Filter} bean).
 *
 * <p>It also answers the two calls of the data path's hot loop, {@code snapshot_read} and
 * {@code atomic_write} (POST), itself through the handler, with the same checks and answers as
 * their routes: Spring MVC's dispatch of a request (handler lookup, the functional response and its
 * message converters) costs about as much CPU as the call. Filters ordered before it (security,
 * observation) still see these requests; every other request goes on to Spring MVC.
 */
public final class KvConnectRequestFilter extends OncePerRequestFilter {

  private final String path;
  private final String dataPrefix;
  private final String snapshotReadPath;
  private final String atomicWritePath;
  private final KvConnectHandler handler;

  KvConnectRequestFilter(KvConnectServerOptions settings, KvConnectHandler handler) {
    this.path = settings.path();
    this.dataPrefix = settings.dataPath() + "/";
    this.snapshotReadPath = dataPrefix + "snapshot_read";
    this.atomicWritePath = dataPrefix + "atomic_write";
    this.handler = handler;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String p = pathWithinApplication(request);
    return !p.equals(path) && !p.startsWith(dataPrefix);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if ("POST".equals(request.getMethod())) {
      String p = pathWithinApplication(request);
      if (p.equals(snapshotReadPath)) {
        observedAs(request, snapshotReadPath);
        handler.answer(request, response, handler::snapshotRead);
        return;
      }
      if (p.equals(atomicWritePath)) {
        observedAs(request, atomicWritePath);
        handler.answer(request, response, handler::atomicWrite);
        return;
      }
    }
    String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
    chain.doFilter(type == null || isConcrete(type) ? request : new WithoutContentType(request), response);
  }

  /** Gives an observation filter in front the route's pattern, as Spring MVC's handler lookup would. */
  private static void observedAs(HttpServletRequest request, String pattern) {
    ServerHttpObservationFilter.findObservationContext(request).ifPresent(c -> c.setPathPattern(pattern));
  }

  private static String pathWithinApplication(HttpServletRequest request) {
    String uri = request.getRequestURI();
    String context = request.getContextPath();
    return uri.startsWith(context) ? uri.substring(context.length()) : uri;
  }

  static boolean isConcrete(String type) {
    try {
      MediaType media = MediaType.parseMediaType(type);
      return !media.isWildcardType() && !media.isWildcardSubtype();
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }

  /** The request without its Content-Type header. */
  private static final class WithoutContentType extends HttpServletRequestWrapper {

    WithoutContentType(HttpServletRequest request) {
      super(request);
    }

    @Override
    public @Nullable String getContentType() {
      return null;
    }

    @Override
    public @Nullable String getHeader(String name) {
      return isContentType(name) ? null : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return isContentType(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
      List<String> names = Collections.list(super.getHeaderNames());
      names.removeIf(WithoutContentType::isContentType);
      return Collections.enumeration(names);
    }

    private static boolean isContentType(String name) {
      return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name);
    }
  }
}
