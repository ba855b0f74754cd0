package dev.keyward.common.ui;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A view that people holding any of these roles cannot use, whatever else they hold: it is left out of their menu
 * and navigating to it shows "not here for you". The service behind the view refuses them as well; this only keeps
 * the screens honest about it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface HiddenFrom {

    /** Role names, as in {@code identity.Roles}. */
    String[] value();
}
