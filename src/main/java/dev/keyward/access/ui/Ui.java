package dev.keyward.access.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import dev.keyward.access.AccessRequestStatus;
import dev.keyward.access.Grant;
import dev.keyward.access.GrantStatus;
import dev.keyward.access.GrantUsage;
import dev.keyward.access.Permission;
import dev.keyward.common.ConflictException;
import dev.keyward.common.InvalidInputException;
import dev.keyward.common.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.stream.Collectors;
import org.springframework.security.access.AccessDeniedException;

/** Small things the access views share: badges, notifications, refusals shown as messages. */
final class Ui {

    private Ui() {
    }

    /**
     * What an empty page says instead of bare column headers: what it is for, and the first step (a link), if any.
     */
    static Div emptyState(String id, String title, String text, String actionText, String actionPath) {
        var box = new Div(new H3(title), new Paragraph(text));
        box.setId(id);
        box.addClassName("kw-empty");
        if (actionText != null) {
            var action = new Anchor(actionPath, actionText);
            action.addClassName("kw-empty-action");
            box.add(action);
        }
        return box;
    }

    static Span badge(String text, String theme) {
        var span = new Span(text);
        span.getElement().getThemeList().add("badge " + theme);
        return span;
    }

    static Span status(AccessRequestStatus status) {
        return badge(status.name(), switch (status) {
            case GRANTED -> "success";
            case PENDING -> "contrast";
            case REJECTED, EXPIRED, REFUSED -> "error";
        });
    }

    static Span status(GrantStatus status) {
        return badge(status.name(), status == GrantStatus.ACTIVE ? "success" : "contrast");
    }

    static String permissions(Collection<Permission> permissions) {
        return permissions.stream().sorted().map(Permission::label).collect(Collectors.joining(", "));
    }

    /** "142 uses, last 2026-11-29 10:42", or "never used", with an "unused N d" badge when it sat idle too long. */
    static Span usage(Grant grant, GrantUsage usage, Duration unusedAfter, Instant now) {
        var cell = new Span(usage == null ? "never used"
                : usage.uses() + (usage.uses() == 1 ? " use" : " uses") + ", last " + minute(usage.lastUsedAt()));
        cell.addClassName("grant-usage");
        GrantUsage known = usage != null ? usage : new GrantUsage(grant.id(), 0, null, null);
        if (known.unusedFor(grant, unusedAfter, now)) {
            var marker = badge("unused " + unusedAfter.toDays() + " d", "warning");
            marker.addClassName("unused-marker");
            marker.getStyle().set("margin-left", "0.5em");
            cell.add(marker);
        }
        return cell;
    }

    static String day(Instant instant) {
        return instant == null ? "—" : instant.toString().substring(0, 10);
    }

    static String minute(Instant instant) {
        return instant == null ? "—" : instant.toString().substring(0, 16).replace('T', ' ');
    }

    static void success(String text) {
        Notification.show(text, 6000, Notification.Position.TOP_CENTER).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    static void error(String text) {
        Notification.show(text, 8000, Notification.Position.TOP_CENTER).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    /** Runs a change; a refusal (bad input, state, not found, not allowed) is shown, not thrown. */
    static boolean attempt(Runnable change) {
        try {
            change.run();
            return true;
        } catch (InvalidInputException | ConflictException | NotFoundException | AccessDeniedException e) {
            error(e.getMessage());
            return false;
        }
    }
}
