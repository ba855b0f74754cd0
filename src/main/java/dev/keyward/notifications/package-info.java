/**
 * Notifications: e-mail to approvers when a decision waits for them (and reminders, escalations), and to
 * requesters when their request ends, to key owners before a rotation is due. The in-app bell reads the approvals
 * inbox directly.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications", allowedDependencies = {"approvals", "access", "keys", "recertification", "identity", "audit", "common"})
package dev.keyward.notifications;
