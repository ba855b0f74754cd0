package dev.keyward.access.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.keyward.access.AccessPolicy;
import dev.keyward.access.AccessPolicyService;
import dev.keyward.access.AccessRequest;
import dev.keyward.access.AccessRequestService;
import dev.keyward.access.NewAccessRequest;
import dev.keyward.access.Permission;
import dev.keyward.common.InvalidInputException;
import dev.keyward.common.ui.FormErrors;
import dev.keyward.common.ui.HiddenFrom;
import dev.keyward.common.ui.Notices;
import dev.keyward.common.ui.Refusals;
import dev.keyward.identity.Roles;
import dev.keyward.identity.ServiceAccount;
import dev.keyward.identity.ServiceAccountService;
import dev.keyward.keys.KeyFilter;
import dev.keyward.keys.KeyService;
import dev.keyward.keys.KeyState;
import dev.keyward.keys.ManagedKey;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Asking for access: acknowledge the key-handling policy (first time and after each change), pick an ACTIVE key,
 * the permissions its purpose allows, a justification and a duration within the key's policy.
 */
@Route("request-access")
@PageTitle("Request access · Keyward")
@Menu(title = "Request access", order = 20, icon = "vaadin:unlock")
@PermitAll
@HiddenFrom(Roles.AUDITOR)
public class RequestAccessView extends VerticalLayout implements BeforeEnterObserver {

    private final AccessRequestService requests;
    private final AccessPolicyService policy;
    private final KeyService keys;
    private final ServiceAccountService serviceAccounts;
    private final VerticalLayout policyCard = new VerticalLayout();
    private final FormLayout form = new FormLayout();
    private final ComboBox<ManagedKey> key = new ComboBox<>("Key");
    /** Who the grant is for: the signed-in person ({@link #MYSELF}) or one of their ACTIVE service accounts. */
    private final Select<String> beneficiary = new Select<>();
    private final CheckboxGroup<Permission> permissions = new CheckboxGroup<>("Permissions");
    private final TextArea justification = new TextArea("Justification");
    private final IntegerField duration = new IntegerField("Duration (days)");
    private final TextField ticket = new TextField("Ticket (optional)");
    private final Button submit = new Button("Submit request");
    /** Refusals at the fields they name ({@link InvalidInputException#field()}), the rest under the button. */
    private final FormErrors errors = new FormErrors("request-error", Map.of("key", key, "beneficiary", beneficiary,
            "permissions", permissions, "justification", justification, "durationDays", duration, "ticket", ticket));

    static final String MYSELF = "myself";

    RequestAccessView(AccessRequestService requests, AccessPolicyService policy, KeyService keys,
                      ServiceAccountService serviceAccounts) {
        this.serviceAccounts = serviceAccounts;
        this.requests = requests;
        this.policy = policy;
        this.keys = keys;
        add(new H2("Request access"));
        add(policyCard, form());
        showPolicyIfNeeded();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.getLocation().getQueryParameters().getSingleParameter("key").ifPresent(alias ->
                Refusals.attempt(() -> key.setValue(keys.get(alias))));
        event.getLocation().getQueryParameters().getSingleParameter("for")
                .filter(name -> beneficiary.getListDataView().contains(name)).ifPresent(beneficiary::setValue);
    }

    private void showPolicyIfNeeded() {
        boolean acknowledged = policy.acknowledgedCurrent();
        policyCard.setVisible(!acknowledged);
        form.setEnabled(acknowledged);
        submit.setEnabled(acknowledged);
        if (acknowledged) {
            return;
        }
        AccessPolicy current = policy.current();
        policyCard.removeAll();
        policyCard.setId("policy-card");
        policyCard.addClassName("kw-card");
        var accept = new Button("I have read this policy and will follow it", e -> {
            if (Refusals.attempt(() -> policy.acknowledge(current.version()))) {
                Notices.success("Policy version " + current.version() + " acknowledged.");
                showPolicyIfNeeded();
            }
        });
        accept.setId("acknowledge-policy");
        accept.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        policyCard.add(new H3("Key-handling policy, version " + current.version()), new Paragraph(current.text()),
                new Paragraph("Acknowledge it once per version before requesting access."), accept);
    }

    private FormLayout form() {
        key.setId("request-key");
        key.setPlaceholder("search by alias, owner or purpose");
        key.setItems(query -> keys.find(new KeyFilter(KeyState.ACTIVE, null, null, null,
                query.getFilter().filter(f -> !f.isBlank()).orElse(null), false), query.getOffset(), query.getLimit()).stream());
        key.setItemLabelGenerator(k -> k.alias() + " · " + k.purpose() + " · " + k.sensitivity() + " · owner " + k.owner());
        key.addValueChangeListener(e -> keyChosen(e.getValue()));
        beneficiary.setLabel("For");
        beneficiary.setId("request-beneficiary");
        List<String> choices = new ArrayList<>(List.of(MYSELF));
        serviceAccounts.mine().stream().filter(a -> a.status() == ServiceAccount.Status.ACTIVE)
                .map(ServiceAccount::name).forEach(choices::add);
        beneficiary.setItems(choices);
        beneficiary.setItemLabelGenerator(c -> c.equals(MYSELF) ? "Myself" : "Service account " + c);
        beneficiary.setValue(MYSELF);
        beneficiary.setHelperText("Your service accounts are under My applications.");
        permissions.setId("request-permissions");
        permissions.setItemLabelGenerator(Permission::label);
        justification.setId("request-justification");
        justification.setMinLength(20);
        justification.setMaxLength(2000);
        justification.setHelperText("Why you need it, at least 20 characters; approvers read this.");
        justification.setValueChangeMode(ValueChangeMode.EAGER);
        duration.setId("request-duration");
        duration.setMin(1);
        duration.setStepButtonsVisible(true);
        ticket.setId("request-ticket");
        ticket.setMaxLength(100);
        submit.setId("submit-request");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.addClickListener(e -> submit());
        form.add(key, beneficiary, permissions, justification, duration, ticket, submit, errors.line());
        form.setColspan(key, 2);
        form.setColspan(justification, 2);
        form.setColspan(errors.line(), 2);
        return form;
    }

    private void keyChosen(ManagedKey chosen) {
        permissions.clear();
        if (chosen == null) {
            permissions.setItems();
            return;
        }
        permissions.setItems(Permission.meaningfulFor(chosen.purpose()).stream().sorted().toList());
        int max = Math.min(chosen.maxGrantDays(), chosen.sensitivity().maxGrantDays());
        duration.setMax(max);
        duration.setValue(max);
        duration.setHelperText("At most " + max + " days for a " + chosen.sensitivity() + " key.");
    }

    private void submit() {
        errors.attempt(() -> {
            String alias = key.getValue() == null ? null : key.getValue().alias();
            String forWhom = MYSELF.equals(beneficiary.getValue()) ? null : beneficiary.getValue();
            AccessRequest created = requests.submit(new NewAccessRequest(alias, permissions.getValue(),
                    forWhom, justification.getValue(), duration.getValue(), ticket.getValue()));
            Notices.success("Request for " + created.key() + " submitted; your approvers have been asked.");
            getUI().ifPresent(ui -> ui.navigate(MyRequestsView.class));
        });
    }
}
