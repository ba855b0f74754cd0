package dev.keyward.common.ui;

import com.vaadin.flow.component.html.Span;

/** Lumo badges: a short word with a colour that says how good or bad it is. */
public final class Badges {

    /** How the badge should read at a glance. */
    public enum Tone {
        SUCCESS("success"), WARNING("warning"), ERROR("error"), NEUTRAL("contrast"), PLAIN("");

        private final String theme;

        Tone(String theme) {
            this.theme = theme;
        }
    }

    private Badges() {
    }

    public static Span of(String text, Tone tone) {
        var span = new Span(text);
        span.getElement().getThemeList().add(("badge " + tone.theme).strip());
        return span;
    }
}
