package dev.keyward.shell.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code keyward.http.*}: how long a client may take to send a request body ({@code bodyTimeout} in all, at most
 * {@code readTimeout} between two pieces), the largest body, and how many bodies may be read at once
 * ({@code concurrentBodyReads}; the rest of the server's threads stay free for requests that arrive whole).
 */
@ConfigurationProperties("keyward.http")
public record HttpLimits(@DefaultValue("5s") Duration bodyTimeout, @DefaultValue("2s") Duration readTimeout,
                         @DefaultValue("1MB") DataSize maxBody, @DefaultValue("50") int concurrentBodyReads) {
}
