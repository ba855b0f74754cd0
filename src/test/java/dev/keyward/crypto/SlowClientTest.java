package dev.keyward.crypto;

import static dev.keyward.access.Permission.USE_ENCRYPT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyward.crypto.CryptoFixture.Holder;
import dev.keyward.keys.KeyPurpose;
import dev.keyward.keys.Sensitivity;
import dev.keyward.support.IntegrationTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two hundred clients that send a request body one byte a second cannot starve the service: ordinary encrypt calls
 * still answer at once, and every slow client is answered (408 or 503) and dropped within seconds.
 */
class SlowClientTest extends IntegrationTest {

    static final int SLOW_CLIENTS = 200;

    @Autowired
    CryptoFixture crypto;

    @Test
    void slowBodiesNeitherStarveOrdinaryCallsNorStayConnected() throws Exception {
        Holder holder = crypto.holder("AES_256", KeyPurpose.ENCRYPT, Sensitivity.LOW, USE_ENCRYPT);
        List<Socket> slow = new ArrayList<>();
        AtomicBoolean trickling = new AtomicBoolean(true);
        ExecutorService readers = Executors.newFixedThreadPool(32);
        try {
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                Socket socket = new Socket("127.0.0.1", PORT);
                socket.setSoTimeout(20_000);
                socket.getOutputStream().write(("POST /api/v1/keys/" + holder.key() + "/encrypt HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: " + holder.bearer() + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
                        .getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            Thread trickle = new Thread(() -> {
                while (trickling.get()) {
                    for (Socket s : slow) {
                        try {
                            s.getOutputStream().write(' ');
                        } catch (IOException dropped) {
                            // the server hung up: what we expect in the end
                        }
                    }
                    sleep(1000);
                }
            });
            trickle.setDaemon(true);
            trickle.start();
            List<Future<Integer>> answers = new ArrayList<>();
            for (Socket s : slow) {
                answers.add(readers.submit(() -> status(s)));
            }
            sleep(1000);

            String body = CryptoApi.json("plaintext", CryptoApi.b64("ordinary"));
            for (int i = 0; i < 5; i++) {
                // An ordinary call whose body comes with its headers, as curl, wrk and most HTTP clients send it.
                long start = System.nanoTime();
                try (Socket caller = new Socket("127.0.0.1", PORT)) {
                    caller.getOutputStream().write(("POST /api/v1/keys/" + holder.key() + "/encrypt HTTP/1.1\r\n"
                            + "Host: localhost\r\nAuthorization: " + holder.bearer() + "\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body)
                            .getBytes(StandardCharsets.US_ASCII));
                    assertThat(status(caller)).isEqualTo(200);
                }
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(took).as("an ordinary encrypt took %d ms", took.toMillis()).isLessThan(Duration.ofSeconds(2));
            }
            // Java's client sends the body after the headers in a packet of its own: while the slow clients hold
            // every waiting permit it is told at once to retry, never left hanging.
            HttpRequest split = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/keys/" + holder.key() + "/encrypt"))
                    .header("Authorization", holder.bearer()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            long splitStart = System.nanoTime();
            HttpResponse<String> splitAnswer = HttpClient.newHttpClient().send(split, HttpResponse.BodyHandlers.ofString());
            assertThat(Duration.ofNanos(System.nanoTime() - splitStart)).isLessThan(Duration.ofSeconds(2));
            if (splitAnswer.statusCode() != 200) {
                assertThat(splitAnswer.statusCode()).isEqualTo(503);
                assertThat(splitAnswer.headers().firstValue("Retry-After")).hasValue("1");
            }

            long waitStart = System.nanoTime();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            Duration allAnswered = Duration.ofNanos(System.nanoTime() - waitStart);
            Map<Integer, Long> byStatus = statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
            assertThat(byStatus.keySet()).as("answers: " + byStatus).containsOnly(408, 503);
            assertThat(byStatus.getOrDefault(408, 0L)).as("bodies read at once").isLessThanOrEqualTo(50);
            assertThat(allAnswered).as("every slow client dropped within seconds").isLessThan(Duration.ofSeconds(12));
        } finally {
            trickling.set(false);
            readers.shutdownNow();
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    /** The status code of the first response on the socket, or -1 if it closed without one. */
    private static int status(Socket socket) throws IOException {
        var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        String line = in.readLine();
        return line == null ? -1 : Integer.parseInt(line.split(" ")[1]);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
