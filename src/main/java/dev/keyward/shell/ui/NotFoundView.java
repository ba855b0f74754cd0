package dev.keyward.shell.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.keyward.identity.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/**
 * An address with no page, or a page the signed-in person's roles do not open (Vaadin sends denied navigation here
 * too, so the answer does not reveal which pages exist): inside the usual frame, with the menu and a way on.
 */
@ParentLayout(MainLayout.class)
@PageTitle("Page not found · Keyward")
@PermitAll
public class NotFoundView extends VerticalLayout implements HasErrorParameter<NotFoundException> {

    private final Paragraph text = new Paragraph();

    public NotFoundView(AuthenticationContext authentication) {
        setId("not-found");
        var home = new Anchor("", "Go to the home page");
        home.setId("not-found-home");
        var ways = new HorizontalLayout(home);
        if (!authentication.hasRole(Roles.AUDITOR)) {
            ways.add(new Anchor("request-access", "Request access to a key"));
        }
        add(new H2("This page is not here for you"), text, ways);
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        text.setText("There is no page at /" + event.getLocation().getPath() + ", or it is not open to your roles. "
                + "The menu shows every page you can use; if you need one that is missing, ask your administrator.");
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
