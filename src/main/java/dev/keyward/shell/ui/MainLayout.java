package dev.keyward.shell.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.keyward.approvals.ApprovalService;
import dev.keyward.approvals.WaitingCount;
import dev.keyward.common.ui.Words;
import dev.keyward.identity.PeopleService;
import dev.keyward.identity.Person;
import dev.keyward.identity.Roles;
import jakarta.annotation.security.PermitAll;
import java.util.stream.Collectors;

/**
 * The frame around every signed-in view. The menu lists the views annotated with {@code @Menu} that the
 * signed-in person may open, so a feature module adds its views without touching the shell.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    private final ApprovalService approvals;
    private final Button bell = new Button(VaadinIcon.BELL.create());
    private final Span bellCount = new Span();
    private String bellTarget = "approvals";

    MainLayout(AuthenticationContext authentication, PeopleService people, ApprovalService approvals) {
        this.approvals = approvals;
        Person me = people.me();
        var title = new H1("Keyward");
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");

        var roles = new Span(" · " + me.roles().stream().sorted().map(Words::of).collect(Collectors.joining(", ")));
        roles.addClassName("kw-roles"); // hidden on a phone (keyward.css)
        var who = new Span(new Span(me.displayName()), roles);
        who.setId("signed-in-as");
        var signOutLabel = new Span("Sign out");
        signOutLabel.addClassName("kw-label");
        var signOut = new Button(VaadinIcon.SIGN_OUT.create(), e -> authentication.logout());
        signOut.setText(null);
        signOut.getElement().appendChild(signOutLabel.getElement());
        signOut.getElement().setAttribute("aria-label", "Sign out");
        signOut.setTooltipText("Sign out");
        signOut.setId("sign-out");
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);

        bell.setId("notifications");
        bell.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        bell.getElement().setAttribute("aria-label", "What waits for your decision");
        bell.addClickListener(e -> bell.getUI().ifPresent(ui -> ui.navigate(bellTarget)));
        bellCount.setId("notification-count");
        bellCount.getElement().getThemeList().add("badge error pill small");
        bell.setSuffixComponent(bellCount);
        bell.setVisible(!me.hasRole(Roles.AUDITOR)); // auditors decide nothing

        var header = new HorizontalLayout(new DrawerToggle(), title, who, bell, signOut);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.expand(who);
        header.getStyle().set("padding-right", "var(--lumo-space-m)");
        who.getStyle().set("text-align", "right").set("color", "var(--lumo-secondary-text-color)");
        addToNavbar(header);
        addToDrawer(menu());
        setPrimarySection(Section.DRAWER);
    }

    /**
     * The bell counts what waits for the signed-in person's decision in the one inbox (approvals and review items
     * alike) and leads to where most of it waits; it is refreshed on every navigation.
     */
    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        if (!bell.isVisible()) {
            return;
        }
        WaitingCount waiting = WaitingCount.of(approvals.waitingForMe());
        bellCount.setText(String.valueOf(waiting.total()));
        bellCount.setVisible(waiting.total() > 0);
        bell.setTooltipText(waiting.total() == 0 ? "Nothing waits for you" : plural(waiting.decisions(), "decision")
                + " and " + plural(waiting.reviews(), "grant") + " to review wait for you");
        bellTarget = waiting.decisions() == 0 && waiting.reviews() > 0 ? "reviews" : "approvals";
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private static SideNav menu() {
        var nav = new SideNav();
        nav.setId("main-menu");
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            var item = new SideNavItem(entry.title(), entry.path());
            if (entry.icon() != null) {
                item.setPrefixComponent(new Icon(entry.icon()));
            }
            nav.addItem(item);
        }
        return nav;
    }
}
