package dev.denokv.cli.serve;

import dev.denokv.server.KvConnectHandler;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/** The beans of the server: the KV Connect routes, and the metadata exchange at {@code /} as well. */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class ServeConfiguration {

  @Bean
  RouterFunction<ServerResponse> kvConnectRoutes(KvConnectHandler kvConnectHandler) {
    return kvConnectHandler.routerFunction();
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
