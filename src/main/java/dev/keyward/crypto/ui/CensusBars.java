package dev.keyward.crypto.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.keyward.common.ui.Badges;
import dev.keyward.common.ui.Badges.Tone;
import dev.keyward.common.ui.ViewerTime;
import dev.keyward.crypto.UsageService.Census;
import dev.keyward.crypto.UsageService.VersionUse;
import java.util.stream.Collectors;

/**
 * The rewrap census as bars: one per key version, as long as its use in the window, with who used it. An old version
 * with no bar is one nobody needs any more: it may be retired.
 */
final class CensusBars {

    private CensusBars() {
    }

    static Component of(Census census) {
        var section = new VerticalLayout(new H3("Use by version, last " + census.days() + " days"));
        section.setId("key-census");
        section.setPadding(false);
        section.setSpacing(false);
        long most = Math.max(1, census.versions().stream().mapToLong(VersionUse::uses).max().orElse(1));
        for (VersionUse v : census.versions()) {
            var label = new Span("v" + v.version());
            label.setWidth("3rem");
            var bar = new Div();
            bar.getStyle().set("height", "0.9rem").set("border-radius", "var(--lumo-border-radius-s)")
                    .set("background", v.current() ? "var(--lumo-primary-color)" : "var(--lumo-contrast-50pct)")
                    .set("width", (100.0 * v.uses() / most) + "%").set("min-width", v.uses() > 0 ? "2px" : "0");
            var track = new Div(bar);
            track.getStyle().set("flex", "1").set("min-width", "6rem");
            String who = v.callers().isEmpty() ? "no use"
                    : v.uses() + (v.uses() == 1 ? " use: " : " uses: ") + v.callers().stream()
                    .map(c -> c.principal() + " (" + c.uses() + ")").collect(Collectors.joining(", "))
                    + " · last " + ViewerTime.minute(v.lastUsedAt());
            var row = new Div(label, track, new Span(who));
            row.getStyle().set("display", "flex").set("gap", "var(--lumo-space-s)").set("align-items", "center")
                    .set("flex-wrap", "wrap").set("width", "100%");
            row.getElement().setAttribute("data-version", String.valueOf(v.version()));
            if (v.current()) {
                row.add(Badges.of("Current", Tone.SUCCESS));
            } else if (v.withdrawn() != null) {
                row.add(Badges.of(v.withdrawn().substring(0, 1).toUpperCase() + v.withdrawn().substring(1), Tone.ERROR));
            } else if (v.uses() == 0) {
                row.add(Badges.of("Unused: may be retired", Tone.NEUTRAL));
            }
            section.add(row);
        }
        return section;
    }
}
