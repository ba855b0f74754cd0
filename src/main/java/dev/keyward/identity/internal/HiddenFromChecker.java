package dev.keyward.identity.internal;

import com.vaadin.flow.server.auth.AccessCheckDecision;
import com.vaadin.flow.server.auth.AccessCheckDecisionResolver;
import com.vaadin.flow.server.auth.AccessCheckResult;
import com.vaadin.flow.server.auth.DefaultAccessCheckDecisionResolver;
import com.vaadin.flow.server.auth.NavigationAccessChecker;
import com.vaadin.flow.server.auth.NavigationContext;
import dev.keyward.common.ui.HiddenFrom;
import java.util.Arrays;
import java.util.List;

/**
 * Denies a view marked {@link HiddenFrom} to people holding one of its roles (an auditor does not request or
 * approve key access). Vaadin's menu asks the same checkers, so the view also leaves their menu. Everything else is
 * left to the view's {@code @RolesAllowed}/{@code @PermitAll}; where both speak, {@link DenyWins}.
 */
class HiddenFromChecker implements NavigationAccessChecker {

    @Override
    public AccessCheckResult check(NavigationContext context) {
        HiddenFrom hidden = context.getNavigationTarget().getAnnotation(HiddenFrom.class);
        if (hidden == null || context.getPrincipal() == null) {
            return context.neutral();
        }
        return Arrays.stream(hidden.value()).anyMatch(context::hasRole)
                ? context.deny("The view is hidden from the roles " + String.join(", ", hidden.value()))
                : context.neutral();
    }

    /**
     * A denial stands even where the annotations allow ({@code @PermitAll} and {@code @HiddenFrom} on one view);
     * Vaadin's default resolver treats that mix as a misconfiguration and shows an error page.
     */
    static class DenyWins implements AccessCheckDecisionResolver {

        private final DefaultAccessCheckDecisionResolver otherwise = new DefaultAccessCheckDecisionResolver();

        @Override
        public AccessCheckResult resolve(List<AccessCheckResult> results, NavigationContext context) {
            return results.stream().filter(r -> r.decision() == AccessCheckDecision.DENY).findFirst()
                    .orElseGet(() -> otherwise.resolve(results, context));
        }
    }
}
