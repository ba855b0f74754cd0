package dev.keyward.common.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;

/**
 * A row of filters whose first ones stay in view while, on a phone, the others fold behind "More filters" so the
 * list they filter stays on screen ({@code kw-phone-only} and {@code kw-filters-more} in {@code keyward.css}).
 */
public final class FoldingFilters {

    private FoldingFilters() {
    }

    /**
     * @param id     prefix of the ids: {@code <id>-toggle} for the button, {@code <id>-more} for the folding group
     * @param shown  the filters always in view
     * @param folded the filters that fold on a phone
     */
    public static Component of(String id, Component[] shown, Component... folded) {
        var more = new HorizontalLayout(folded);
        more.setId(id + "-more");
        more.addClassName("kw-filters-more");
        more.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        more.setWrap(true);
        more.setPadding(false);
        var toggle = new Button("More filters", VaadinIcon.FILTER.create());
        toggle.setId(id + "-toggle");
        toggle.addClassName("kw-phone-only");
        toggle.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        toggle.getElement().setAttribute("aria-controls", id + "-more");
        toggle.getElement().setAttribute("aria-expanded", "false");
        toggle.addClickListener(e -> {
            boolean open = !more.getElement().hasAttribute("data-open");
            more.getElement().setAttribute("data-open", open);
            toggle.getElement().setAttribute("aria-expanded", String.valueOf(open));
            toggle.setText(open ? "Fewer filters" : "More filters");
        });
        var filters = new HorizontalLayout(shown);
        filters.add(toggle, more);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        return filters;
    }
}
