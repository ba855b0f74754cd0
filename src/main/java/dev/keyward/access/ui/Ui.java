package dev.keyward.access.ui;

import com.vaadin.flow.component.html.Span;
import dev.keyward.access.AccessRequestStatus;
import dev.keyward.access.Grant;
import dev.keyward.access.GrantStatus;
import dev.keyward.access.GrantUsage;
import dev.keyward.access.Permission;
import dev.keyward.common.ui.Badges.Tone;
import dev.keyward.common.ui.Badges;
import dev.keyward.common.ui.ViewerTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.stream.Collectors;

/** What the access views show alike: request and grant states, permissions, usage. */
final class Ui {

    private Ui() {
    }

    static Span status(AccessRequestStatus status) {
        return Badges.of(status.label(), switch (status) {
            case GRANTED -> Tone.SUCCESS;
            case PENDING, WITHDRAWN -> Tone.NEUTRAL;
            case REJECTED, EXPIRED, REFUSED -> Tone.ERROR;
        });
    }

    static Span status(GrantStatus status) {
        return Badges.of(status.label(), status == GrantStatus.ACTIVE ? Tone.SUCCESS : Tone.NEUTRAL);
    }

    static String permissions(Collection<Permission> permissions) {
        return permissions.stream().sorted().map(Permission::label).collect(Collectors.joining(", "));
    }

    /** "142 uses, last 29 Nov 2026, 10:42", or "never used", with an "unused N d" badge when it sat idle too long. */
    static Span usage(Grant grant, GrantUsage usage, Duration unusedAfter, Instant now) {
        var cell = new Span(usage == null ? "never used"
                : usage.uses() + (usage.uses() == 1 ? " use" : " uses") + ", last " + ViewerTime.minute(usage.lastUsedAt()));
        cell.addClassName("grant-usage");
        GrantUsage known = usage != null ? usage : GrantUsage.never(grant.id());
        if (known.unusedFor(grant, unusedAfter, now)) {
            var marker = Badges.of("unused " + unusedAfter.toDays() + " d", Tone.WARNING);
            marker.addClassName("unused-marker");
            marker.getStyle().set("margin-left", "0.5em");
            cell.add(marker);
        }
        return cell;
    }
}
