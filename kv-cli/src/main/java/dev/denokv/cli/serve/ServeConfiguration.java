package dev.denokv.cli.serve;

import dev.denokv.server.KvConnectHandler;
import dev.denokv.server.KvConnectQueueHandler;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.coyote.UpgradeProtocol;
import org.apache.coyote.http2.Http2Protocol;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The beans of the server: the KV Connect routes with the queue extension for the project's remote
 * consumers, room for many watch streams per connection, and the metadata exchange at {@code /} as well.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class ServeConfiguration {

  /** Streams per HTTP/2 connection: the Deno CLI opens one per watch, so Tomcat's 100 would starve it. */
  static final int MAX_CONCURRENT_STREAMS = 2000;

  @Bean
  RouterFunction<ServerResponse> kvConnectRoutes(KvConnectHandler kvConnectHandler, KvConnectQueueHandler queueHandler) {
    return kvConnectHandler.routerFunction().and(queueHandler.routerFunction());
  }

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> kvConnectHttp2Streams() {
    return factory -> factory.addConnectorCustomizers(connector -> {
      for (UpgradeProtocol protocol : connector.findUpgradeProtocols()) {
        if (protocol instanceof Http2Protocol http2) {
          http2.setMaxConcurrentStreams(MAX_CONCURRENT_STREAMS);
        }
      }
    });
  }

  /** Sends a metadata exchange POSTed to {@code /} (a denokv-style URL) to {@value KvConnectServer#PATH}. */
  @Bean
  OncePerRequestFilter rootMetadataExchange() {
    return new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if ("POST".equals(request.getMethod()) && (path.isEmpty() || path.equals("/"))) {
          request.getRequestDispatcher(KvConnectServer.PATH).forward(request, response);
        } else {
          chain.doFilter(request, response);
        }
      }
    };
  }
}
