package dev.keyward.shell.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads every request body before anything else sees it, within limits, so slow clients cannot starve the server.
 * A body that has arrived with its headers (the usual case for API calls) is taken at once. Waiting for the rest of
 * a body blocks a server thread, so only {@code concurrentBodyReads} requests may wait at a time (beyond that: 503
 * at once), each at most {@code bodyTimeout} in all and {@code readTimeout} per piece (then 408). The other threads
 * stay free for requests that arrived whole. Refused bodies are not read to their end (the connection closes:
 * {@code server.tomcat.max-swallow-size: 0}).
 */
class RequestBodyGuard extends OncePerRequestFilter {

    private final HttpLimits limits;
    private final ObjectMapper json;
    private final Semaphore readers;

    RequestBodyGuard(HttpLimits limits, ObjectMapper json) {
        this.limits = limits;
        this.json = json;
        this.readers = new Semaphore(limits.concurrentBodyReads());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        boolean chunked = "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
        if ((length <= 0 && !chunked) || isMultipart(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (length > limits.maxBody().toBytes()) {
            refuseTooLarge(response);
            return;
        }
        var body = new ByteArrayOutputStream(length > 0 ? (int) length : 1024);
        InputStream in = request.getInputStream();
        readArrived(in, body);
        if (length < 0 || body.size() < length) {
            if (!readers.tryAcquire()) {
                response.setHeader("Retry-After", "1");
                refuse(response, HttpStatus.SERVICE_UNAVAILABLE, "Too many requests are still sending their body. Try again.");
                return;
            }
            try {
                readRestWithin(in, body);
            } catch (BodyTooSlow | IOException e) {
                refuse(response, HttpStatus.REQUEST_TIMEOUT, "The request body did not arrive within "
                        + limits.bodyTimeout().toSeconds() + " seconds.");
                return;
            } catch (BodyTooLarge e) {
                refuseTooLarge(response);
                return;
            } finally {
                readers.release();
            }
        }
        chain.doFilter(new BufferedBody(request, body.toByteArray()), response);
    }

    /** Takes what the server has already received (never blocks): usually the whole body, which came with the headers. */
    private void readArrived(InputStream in, ByteArrayOutputStream body) throws IOException {
        byte[] buffer = new byte[8192];
        for (int available = in.available(); available > 0 && body.size() <= limits.maxBody().toBytes();
             available = in.available()) {
            int n = in.read(buffer, 0, Math.min(available, buffer.length));
            if (n < 0) {
                return;
            }
            body.write(buffer, 0, n);
        }
    }

    /** Waits for the rest: each read at most readTimeout (Tomcat), all of them at most bodyTimeout. */
    private void readRestWithin(InputStream in, ByteArrayOutputStream body) throws IOException {
        long deadline = System.nanoTime() + limits.bodyTimeout().toNanos();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            body.write(buffer, 0, n);
            if (body.size() > limits.maxBody().toBytes()) {
                throw new BodyTooLarge();
            }
            if (System.nanoTime() > deadline) {
                throw new BodyTooSlow();
            }
        }
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase().startsWith("multipart/");
    }

    private void refuseTooLarge(HttpServletResponse response) throws IOException {
        refuse(response, HttpStatus.PAYLOAD_TOO_LARGE, "The request body is larger than " + limits.maxBody().toKilobytes()
                + " KB.");
    }

    private void refuse(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ProblemDetail.forStatusAndDetail(status, detail));
    }

    private static final class BodyTooSlow extends RuntimeException {
        BodyTooSlow() {
            super(null, null, false, false);
        }
    }

    private static final class BodyTooLarge extends RuntimeException {
        BodyTooLarge() {
            super(null, null, false, false);
        }
    }

    /** The request with its body already read; form fields are parsed from it (Tomcat can no longer read them). */
    private static final class BufferedBody extends HttpServletRequestWrapper {
        private final byte[] body;
        private Map<String, String[]> parameters;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("The body was read already; read it blocking");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset()));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public String getParameter(String name) {
            String[] values = getParameterMap().get(name);
            return values == null ? null : values[0];
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(getParameterMap().keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return getParameterMap().get(name);
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            if (parameters == null) {
                Map<String, String[]> all = new LinkedHashMap<>(super.getParameterMap()); // the query string's
                String type = getContentType();
                if (type != null && type.toLowerCase().startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)) {
                    for (String pair : new String(body, charset()).split("&")) {
                        if (pair.isEmpty()) {
                            continue;
                        }
                        int eq = pair.indexOf('=');
                        String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), charset());
                        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), charset());
                        String[] before = all.get(key);
                        String[] after = before == null ? new String[1] : Arrays.copyOf(before, before.length + 1);
                        after[after.length - 1] = value;
                        all.put(key, after);
                    }
                }
                parameters = Collections.unmodifiableMap(all);
            }
            return parameters;
        }

        private Charset charset() {
            String encoding = getCharacterEncoding();
            return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        }
    }
}
