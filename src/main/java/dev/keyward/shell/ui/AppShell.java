package dev.keyward.shell.ui;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.server.AppShellSettings;

/** Page-wide settings: Keyward's stylesheet is a plain static file, so no custom frontend bundle is needed. */
public class AppShell implements AppShellConfigurator {

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.addLink("stylesheet", "styles/keyward.css");
        settings.addFavIcon("icon", "images/keyward.svg", "any");
    }
}
