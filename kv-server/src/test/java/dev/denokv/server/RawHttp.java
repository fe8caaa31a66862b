package dev.denokv.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection, with every header (Host included)
 * exactly as given. A {@code 200} watch answer is not read past its headers.
 */
final class RawHttp {

  /** An answer: status, headers (lower-case names) and the body as text. */
  record Response(int status, Map<String, String> headers, String body) {}

  private RawHttp() {}

  static Response send(int port, String method, String path, Map<String, String> headers, byte[] body) {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(30_000);
      StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
      if (headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Host"))) {
        head.append("Host: localhost:").append(port).append("\r\n");
      }
      headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      String statusLine = line(in);
      int status = Integer.parseInt(statusLine.split(" ")[1]);
      Map<String, String> answer = new LinkedHashMap<>();
      for (String l = line(in); !l.isEmpty(); l = line(in)) {
        int colon = l.indexOf(':');
        answer.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
      }
      if (status == 200 && path.endsWith("/watch")) {
        return new Response(status, answer, "");
      }
      byte[] content;
      if ("chunked".equalsIgnoreCase(answer.get("transfer-encoding"))) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int n = Integer.parseInt(line(in).trim(), 16); n > 0; n = Integer.parseInt(line(in).trim(), 16)) {
          all.write(in.readNBytes(n));
          line(in);
        }
        content = all.toByteArray();
      } else if (answer.containsKey("content-length")) {
        content = in.readNBytes(Integer.parseInt(answer.get("content-length")));
      } else {
        content = in.readAllBytes();
      }
      return new Response(status, answer, new String(content, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed mid-line");
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }
}
