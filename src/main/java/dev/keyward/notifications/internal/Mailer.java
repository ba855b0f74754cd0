package dev.keyward.notifications.internal;

import dev.keyward.identity.Contact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends plain-text e-mail through Spring Mail. Its callers are application module listeners: they run after commit,
 * off the request's thread (a slow SMTP server never delays a decision), from the event publication registry, so a
 * mail that could not go out (the node died, the server refused) is sent again when the node starts. Without
 * {@code spring.mail.host} e-mail is off and only the in-app bell notifies.
 */
@Component
class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    private final JavaMailSender sender;
    private final String from;
    private final String baseUrl;

    Mailer(ObjectProvider<JavaMailSender> sender,
           @Value("${keyward.notifications.from:keyward@localhost}") String from,
           @Value("${keyward.base-url:http://localhost:8080}") String baseUrl) {
        this.sender = sender.getIfAvailable();
        this.from = from;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        if (this.sender == null) {
            log.info("E-mail notifications are off (set spring.mail.host to turn them on)");
        }
    }

    /** Whether e-mail goes out at all (listeners skip their look-ups when it does not). */
    boolean enabled() {
        return sender != null;
    }

    String link(String path) {
        return baseUrl + "/" + path;
    }

    void send(Contact to, String subject, String body) {
        if (sender == null || to.email() == null || to.email().isBlank()) {
            return;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to.email());
        message.setSubject("[Keyward] " + subject);
        message.setText("Hello " + to.displayName() + ",\n\n" + body + "\n\n-- Keyward\n");
        try {
            sender.send(message);
        } catch (MailException e) {
            // The listener fails with it, so its publication stays incomplete and is sent again at the next start.
            log.warn("Could not e-mail {} about '{}': {}", to.username(), subject, e.getMessage());
            throw e;
        }
    }
}
