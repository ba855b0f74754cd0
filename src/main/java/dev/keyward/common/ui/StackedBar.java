package dev.keyward.common.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A horizontal bar split into coloured parts (e.g. kept, revoked, reduced, pending) with a legend of the figures,
 * so progress reads at a glance and in words (the legend is also the bar's accessible name).
 */
public final class StackedBar {

    /** One part: its name, its figure and a Lumo colour (e.g. {@code var(--lumo-success-color)}). */
    public record Part(String label, long value, String color) {
    }

    private StackedBar() {
    }

    public static Component of(List<Part> parts) {
        long total = parts.stream().mapToLong(Part::value).sum();
        var bar = new Div();
        bar.addClassName("kw-stacked-bar");
        bar.getStyle().set("display", "flex").set("height", "0.75rem").set("width", "100%").set("min-width", "8rem")
                .set("border-radius", "var(--lumo-border-radius-s)").set("overflow", "hidden")
                .set("background", "var(--lumo-contrast-10pct)");
        for (Part part : parts) {
            if (part.value() > 0) {
                var segment = new Div();
                segment.getStyle().set("width", (100.0 * part.value() / total) + "%").set("background", part.color());
                segment.getElement().setAttribute("title", part.label() + ": " + part.value());
                bar.add(segment);
            }
        }
        String words = parts.stream().filter(p -> p.value() > 0).map(p -> p.value() + " " + p.label())
                .collect(Collectors.joining(" · "));
        bar.getElement().setAttribute("role", "img");
        bar.getElement().setAttribute("aria-label", words.isEmpty() ? "nothing yet" : words);
        var legend = new Span(words.isEmpty() ? "nothing yet" : words);
        legend.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        var box = new Div(bar, legend);
        box.getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "2px").set("width", "100%");
        return box;
    }
}
