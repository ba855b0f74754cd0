/**
 * Notifications: e-mail to approvers when a decision waits for them (and reminders, escalations), and to
 * requesters when their request ends. The in-app bell reads the approvals inbox directly.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications", allowedDependencies = {"approvals", "access", "identity", "audit", "common"})
package dev.keyward.notifications;
