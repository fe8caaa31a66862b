package dev.denokv.remote;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy to a local port that a test can take down, refusing new connections and cutting the
 * open ones as a crashed server would, and bring back up on the same port.
 */
final class OutageProxy implements AutoCloseable {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private final int targetPort;
  private final int port;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "outage-proxy");
            t.setDaemon(true);
            return t;
          });
  private ServerSocket listener; // guarded by this

  OutageProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.listener = new ServerSocket(0, 50, LOOPBACK);
    this.port = listener.getLocalPort();
    accept(listener);
  }

  /** The URL of {@code path} through the proxy. */
  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** Refuses new connections and cuts every open one. */
  synchronized void down() throws IOException {
    listener.close();
    for (Socket s : sockets) {
      s.close();
    }
    sockets.clear();
  }

  /** Accepts connections again, on the same port. */
  synchronized void up() throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(LOOPBACK, port));
    listener = s;
    accept(s);
  }

  private void accept(ServerSocket server) {
    threads.execute(
        () -> {
          while (!server.isClosed()) {
            try {
              Socket client = server.accept();
              Socket upstream = new Socket(LOOPBACK, targetPort);
              sockets.add(client);
              sockets.add(upstream);
              pump(client, upstream);
              pump(upstream, client);
            } catch (IOException e) {
              // closed by down() or close()
            }
          }
        });
  }

  private void pump(Socket from, Socket to) {
    threads.execute(
        () -> {
          try {
            from.getInputStream().transferTo(to.getOutputStream());
          } catch (IOException e) {
            // cut
          } finally {
            closeQuietly(from);
            closeQuietly(to);
          }
        });
  }

  private void closeQuietly(Socket s) {
    sockets.remove(s);
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    down();
    threads.shutdownNow();
  }
}
