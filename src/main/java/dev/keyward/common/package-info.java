/**
 * The shared kernel: the refusals every module throws when a person or an application asks for something Keyward
 * will not do. Their messages are written for that person and are shown as they are (a notification in the views,
 * the detail of an API problem). The JDK types they extend mean nothing of the kind on their own: the same
 * exceptions thrown by a library are unexpected errors, logged and answered without their message.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Common", allowedDependencies = {})
package dev.keyward.common;
