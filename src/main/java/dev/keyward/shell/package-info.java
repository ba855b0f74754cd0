/**
 * The Vaadin application shell: main layout, home, menu built from the feature views.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shell", allowedDependencies = {"identity", "keys"})
package dev.keyward.shell;
