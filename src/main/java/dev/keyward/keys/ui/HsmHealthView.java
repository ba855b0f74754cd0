package dev.keyward.keys.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.keyward.hsm.HsmBackend;
import dev.keyward.hsm.HsmHealth;
import dev.keyward.identity.Roles;
import jakarta.annotation.security.RolesAllowed;

/** For administrators: whether the HSM (or each side of a mirrored pair) answers. */
@Route("hsm")
@PageTitle("HSM health · Keyward")
@Menu(title = "HSM health", order = 95, icon = "vaadin:server")
@RolesAllowed(Roles.ADMIN)
public class HsmHealthView extends VerticalLayout {

    private final HsmBackend hsm;
    private final Span status = new Span();
    private final Paragraph detail = new Paragraph();

    HsmHealthView(HsmBackend hsm) {
        this.hsm = hsm;
        status.setId("hsm-status");
        detail.setId("hsm-detail");
        add(new H2("HSM health"), status, detail, new Button("Check again", VaadinIcon.REFRESH.create(), e -> check()));
        check();
    }

    private void check() {
        HsmHealth health = hsm.health();
        status.setText(health.backend() + ": " + (health.up() ? "UP" : "DOWN"));
        status.getElement().getThemeList().clear();
        status.getElement().getThemeList().add("badge " + (health.up() ? "success" : "error"));
        detail.setText(health.detail());
    }
}
