/**
 * The shared kernel: the refusals every module throws when a person or an application asks for something Keyward
 * will not do. Their messages are written for that person and are shown as they are (a notification in the views,
 * the detail of an API problem). The JDK types they extend mean nothing of the kind on their own: the same
 * exceptions thrown by a library are unexpected errors, logged and answered without their message.
 * <p>
 * {@code common.ui} is the view toolkit every module's views share (badges, refusals at their field, dates in the
 * viewer's time zone, empty states). It lives here rather than in {@code shell} because {@code shell} sits on top
 * of the feature modules and they could not use it without a cycle. The module is open so {@code ui} needs no
 * named interface of its own.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Common", allowedDependencies = {},
        type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.keyward.common;
