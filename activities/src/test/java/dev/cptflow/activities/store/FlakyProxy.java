package dev.cptflow.activities.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback TCP forwarder that answers the first N connections' requests with 503 SlowDown and
 * passes every later connection through byte for byte. Passing bytes verbatim keeps the Host
 * header, and with it the SigV4 signature, intact.
 */
final class FlakyProxy implements AutoCloseable {
  private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");
  private static final byte[] SLOW_DOWN_BODY = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message>"
      + "<RequestId>flaky-proxy</RequestId></Error>").getBytes(StandardCharsets.UTF_8);

  private final ServerSocket server;
  private final int upstreamPort;
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger forwarded = new AtomicInteger();

  FlakyProxy(int upstreamPort) throws IOException {
    this.upstreamPort = upstreamPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "flaky-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Fail the next {@code n} connections and reset the counters. */
  void failNext(int n) {
    failuresLeft.set(n);
    failed.set(0);
    forwarded.set(0);
  }

  int failedRequests() {
    return failed.get();
  }

  int forwardedConnections() {
    return forwarded.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        daemon(() -> handle(client), "flaky-proxy-conn").start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void handle(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      byte[] head = readHead(in);
      if (head.length == 0) {
        return;
      }
      if (failuresLeft.getAndDecrement() > 0) {
        failed.incrementAndGet();
        rejectWithSlowDown(client, in, new String(head, StandardCharsets.ISO_8859_1));
      } else {
        forwarded.incrementAndGet();
        forward(client, head);
      }
    } catch (IOException e) {
      // The client or upstream hung up; nothing to clean up beyond the sockets.
    }
  }

  private static void rejectWithSlowDown(Socket client, InputStream in, String head) throws IOException {
    // Without "Expect: 100-continue" the body is already on its way; drain it so closing the
    // socket does not reset the connection before the client reads the 503.
    if (!head.toLowerCase(Locale.ROOT).contains("expect: 100-continue")) {
      Matcher length = CONTENT_LENGTH.matcher(head);
      if (length.find()) {
        in.readNBytes(Integer.parseInt(length.group(1)));
      }
    }
    OutputStream out = client.getOutputStream();
    out.write(("HTTP/1.1 503 Slow Down\r\n"
        + "Content-Type: application/xml\r\n"
        + "Content-Length: " + SLOW_DOWN_BODY.length + "\r\n"
        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.write(SLOW_DOWN_BODY);
    out.flush();
    client.shutdownOutput();
  }

  private void forward(Socket client, byte[] head) throws IOException {
    try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
      upstream.getOutputStream().write(head);
      Thread back = daemon(() -> pipe(upstream, client), "flaky-proxy-back");
      back.start();
      pipe(client, upstream);
      try {
        back.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void pipe(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
      to.shutdownOutput();
    } catch (IOException e) {
      // One side closed; the other direction ends on its own.
    }
  }

  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    while (matched < 4 && (b = in.read()) >= 0) {
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toByteArray();
  }

  private static Thread daemon(Runnable task, String name) {
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
