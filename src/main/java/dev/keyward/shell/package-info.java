/**
 * The Vaadin application shell: main layout, home, menu built from the feature views.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shell", allowedDependencies = {"identity", "keys", "approvals", "common"})
package dev.keyward.shell;
