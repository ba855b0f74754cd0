package dev.keyward.identity.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** A full-page backdrop with one centred card: the look of the pages before the main layout (sign-in, enrolment). */
abstract class CardPage extends VerticalLayout {

    protected final VerticalLayout card = new VerticalLayout();

    CardPage() {
        addClassName("kw-login");
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
        card.addClassName("kw-login-card");
        card.setAlignItems(FlexComponent.Alignment.STRETCH);
        add(card);
        PasskeyCeremony.load(this);
    }

    protected void addToCard(Component... components) {
        card.add(components);
    }
}
