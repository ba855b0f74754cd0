package dev.keyward.common.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;

/** What an empty page says instead of bare column headers: what it is for, and the first step, if any. */
public final class EmptyState {

    private EmptyState() {
    }

    public static Div of(String id, String title, String text) {
        var box = new Div(new H3(title), new Paragraph(text));
        box.setId(id);
        box.addClassName("kw-empty");
        return box;
    }

    public static Div of(String id, String title, String text, String actionText, String actionPath) {
        Div box = of(id, title, text);
        var action = new Anchor(actionPath, actionText);
        action.addClassName("kw-empty-action");
        box.add(action);
        return box;
    }
}
