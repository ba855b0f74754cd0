package dev.keyward.recertification.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.shared.Registration;
import dev.keyward.common.ui.Badges;
import dev.keyward.common.ui.Badges.Tone;
import dev.keyward.common.ui.EmptyState;
import dev.keyward.common.ui.FormErrors;
import dev.keyward.common.ui.Notices;
import dev.keyward.common.ui.Refusals;
import dev.keyward.common.ui.StackedBar;
import dev.keyward.common.ui.ViewerTime;
import dev.keyward.identity.CurrentUser;
import dev.keyward.identity.Roles;
import dev.keyward.recertification.Campaign;
import dev.keyward.recertification.Campaign.Progress;
import dev.keyward.recertification.CampaignDefinition;
import dev.keyward.recertification.CampaignService;
import dev.keyward.recertification.CampaignStatus;
import dev.keyward.recertification.ReviewerProgress;
import dev.keyward.recertification.internal.RecertificationWorkflow;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Recertification campaigns for security officers (launch, remind, close) and auditors (follow, download the sealed
 * report): each with its progress as a bar, and per campaign the figures and each reviewer's share.
 */
@Route("campaigns")
@PageTitle("Campaigns · Keyward")
@Menu(title = "Campaigns", order = 46, icon = "vaadin:calendar-user")
@RolesAllowed({Roles.SECURITY_OFFICER, Roles.AUDITOR})
public class CampaignsView extends VerticalLayout {

    static final List<String> SENSITIVITIES = List.of("LOW", "MEDIUM", "HIGH", "CRITICAL");
    private static final int REFRESH_MS = 4_000;

    private final CampaignService campaigns;
    private final boolean officer;
    private final Grid<Campaign> grid = new Grid<>();
    private final Div empty = new Div();
    private Registration polling;

    CampaignsView(CampaignService campaigns, CurrentUser currentUser) {
        this.campaigns = campaigns;
        this.officer = currentUser.hasRole(Roles.SECURITY_OFFICER);
        setSizeFull();
        var launch = new Button("New campaign", VaadinIcon.PLUS.create(), e -> launchDialog().open());
        launch.setId("campaign-new");
        launch.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        launch.setVisible(officer);
        var header = new HorizontalLayout(new H2("Recertification campaigns"), launch);
        header.setAlignItems(Alignment.BASELINE);
        header.setWrap(true);
        add(header, empty, grid());
        refresh();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        event.getUI().setPollInterval(REFRESH_MS);
        polling = event.getUI().addPollListener(e -> grid.getDataProvider().refreshAll());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        event.getUI().setPollInterval(-1);
        polling.remove();
    }

    private Component grid() {
        grid.setId("campaigns");
        grid.addColumn(Campaign::name).setHeader("Campaign").setFlexGrow(2);
        grid.addComponentColumn(c -> Badges.of(switch (c.status()) {
            case LAUNCHING -> "Launching";
            case OPEN -> "Open";
            case CLOSED -> "Closed";
        }, c.status() == CampaignStatus.OPEN ? Tone.SUCCESS : Tone.NEUTRAL)).setHeader("Status").setWidth("7rem").setFlexGrow(0);
        grid.addColumn(c -> ViewerTime.day(c.deadlineAt())).setHeader("Deadline").setWidth("8rem").setFlexGrow(0);
        grid.addComponentColumn(c -> progressBar(c.progress())).setHeader("Progress").setFlexGrow(3);
        grid.setItemDetailsRenderer(new ComponentRenderer<>(this::details));
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setSizeFull();
        grid.setMinHeight("24rem"); // on a phone the controls above take the screen: the page scrolls to a usable grid
        return grid;
    }

    private void refresh() {
        // By id: a refresh (every few seconds, for the progress) keeps an opened campaign open.
        grid.setItems(query -> campaigns.list(query.getOffset(), query.getLimit()).stream())
                .setIdentifierProvider(Campaign::id);
        boolean none = campaigns.list(0, 1).isEmpty();
        empty.removeAll();
        if (none) {
            empty.add(EmptyState.of("no-campaigns", "No campaigns yet", "A campaign asks the people who answer for "
                    + "each grant (managers, key owners) whether it is still needed, with a recommendation from its use. "
                    + (officer ? "Start one with New campaign: for example every HIGH and CRITICAL key, every six months."
                    : "Security officers launch them; you can follow them here and download their sealed reports.")));
        }
    }

    static Component progressBar(Progress p) {
        return outcomeBar(p.kept(), p.reduced(), p.revoked(), p.pending(), false);
    }

    /** Kept, reduced, revoked and pending items as one bar; pending shows as overdue when it is. */
    private static Component outcomeBar(long kept, long reduced, long revoked, long pending, boolean overdue) {
        return StackedBar.of(List.of(new StackedBar.Part("kept", kept, "var(--lumo-success-color)"),
                new StackedBar.Part("reduced", reduced, "var(--lumo-primary-color)"),
                new StackedBar.Part("revoked", revoked, "var(--lumo-error-color)"),
                new StackedBar.Part(overdue ? "overdue" : "pending", pending,
                        overdue ? "var(--lumo-warning-color, orange)" : "var(--lumo-contrast-30pct)")));
    }

    private Component details(Campaign c) {
        var box = new VerticalLayout();
        box.setId("campaign-" + c.id());
        box.addClassName("campaign-details");
        Progress p = c.progress();
        var figures = new HorizontalLayout();
        figures.setWrap(true);
        figures.addClassName("campaign-figures");
        Map<String, Long> numbers = new LinkedHashMap<>();
        numbers.put("Items", p.items());
        numbers.put("Decided", p.decided());
        numbers.put("Kept", p.kept());
        numbers.put("Reduced", p.reduced());
        numbers.put("Revoked", p.revoked());
        numbers.put("Pending", p.pending());
        numbers.put("Overdue", p.overdue());
        numbers.put("No response", p.noResponse());
        numbers.forEach((label, n) -> {
            var figure = new Span(label + ": " + n);
            figure.getElement().setAttribute("data-figure", label.toLowerCase().replace(' ', '-'));
            figures.add(figure);
        });
        CampaignDefinition d = c.definition();
        box.add(new Span("Scope: " + scope(d.scope()) + " · launched " + ViewerTime.minute(c.launchedAt()) + " by "
                + c.launchedBy() + " · reviewers: " + reviewers(d.reviewers()) + " · " + d.durationDays()
                + " business days · when nobody answers: " + noResponse(d.noResponse())
                + (d.deltaOnly() ? " · changes only" : "")
                + (c.nextRoundAt() != null ? " · next round " + ViewerTime.day(c.nextRoundAt()) : "")
                + (c.closedAt() == null ? "" : " · closed " + ViewerTime.minute(c.closedAt())
                + (RecertificationWorkflow.ACTOR.equals(c.closedBy()) ? " at the deadline" : " by " + c.closedBy()))),
                figures, new H3("By reviewer"));
        for (ReviewerProgress r : campaigns.reviewers(c.id())) {
            var name = new Span(r.reviewer() == null ? "Security officers" : r.reviewer());
            name.setWidth("10rem");
            var row = new HorizontalLayout(name, outcomeBar(r.kept(), r.reduced(), r.revoked(), r.pending(),
                    r.overdue() > 0));
            row.setWidthFull();
            row.addClassName("campaign-reviewer");
            box.add(row);
        }
        box.add(actions(c));
        return box;
    }

    private Component actions(Campaign c) {
        var row = new HorizontalLayout();
        row.setWrap(true);
        if (officer && c.status() == CampaignStatus.OPEN) {
            var remind = new Button("Remind reviewers", VaadinIcon.BELL.create(), e -> {
                if (Refusals.attempt(() -> campaigns.remind(c.id()))) {
                    Notices.success("Reviewers with pending items were reminded.");
                }
            });
            var close = new Button("Close now", VaadinIcon.STOP.create(), e -> {
                if (Refusals.attempt(() -> campaigns.close(c.id()))) {
                    Notices.success("Closed: the no-response rule settled what was pending. The report is ready.");
                    grid.getDataProvider().refreshAll();
                }
            });
            close.addThemeVariants(ButtonVariant.LUMO_ERROR);
            close.setId("campaign-close");
            row.add(remind, close);
        }
        if (officer && c.nextRoundAt() != null) {
            row.add(new Button("Stop recurring", e -> {
                if (Refusals.attempt(() -> campaigns.stopRecurrence(c.id()))) {
                    Notices.success("No further rounds will start.");
                    grid.getDataProvider().refreshAll();
                }
            }));
        }
        if (c.status() == CampaignStatus.CLOSED) {
            DownloadHandler sealed = event -> {
                event.setFileName("campaign-" + c.id() + "-report.zip");
                event.setContentType("application/zip");
                event.getOutputStream().write(campaigns.report(c.id()));
            };
            var report = new Anchor(sealed, AttachmentType.DOWNLOAD, "Download sealed report (JSON + CSV)");
            report.setId("campaign-report");
            row.add(report);
        }
        return row;
    }

    private Dialog launchDialog() {
        var dialog = new Dialog();
        dialog.setHeaderTitle("New recertification campaign");
        dialog.setWidth("min(44rem, 100vw)");
        var name = new TextField("Name");
        name.setId("campaign-name");
        name.setRequired(true);
        name.setMaxLength(200);
        var all = new Checkbox("Every grant");
        all.setId("campaign-all");
        var sensitivities = new CheckboxGroup<String>("Keys of sensitivity");
        sensitivities.setId("campaign-sensitivities");
        sensitivities.setItems(SENSITIVITIES);
        var keys = new TextField("Keys (aliases, comma-separated)");
        keys.setId("campaign-keys");
        var owners = new TextField("Keys owned by (usernames, comma-separated)");
        var holders = new CheckboxGroup<String>("Holders");
        holders.setItems("People", "Service accounts");
        holders.setValue(Set.of("People", "Service accounts"));
        var reviewers = new Select<String>();
        reviewers.setLabel("Reviewers");
        reviewers.setId("campaign-reviewers");
        reviewers.setItems("MANAGER", "KEY_OWNER", "MANAGER_THEN_OWNER");
        reviewers.setItemLabelGenerator(CampaignsView::reviewers);
        reviewers.setValue("MANAGER");
        var duration = new IntegerField("Business days to answer");
        duration.setId("campaign-duration");
        duration.setValue(10);
        duration.setStepButtonsVisible(true);
        Map<String, Select<String>> noResponse = new LinkedHashMap<>();
        var rules = new HorizontalLayout();
        rules.setWrap(true);
        for (String s : SENSITIVITIES) {
            var rule = new Select<String>();
            rule.setLabel("No answer, " + s);
            rule.setItems("KEEP", "REVOKE");
            rule.setItemLabelGenerator(v -> v.equals("KEEP") ? "Keep (flagged)" : "Revoke");
            rule.setValue(s.equals("HIGH") || s.equals("CRITICAL") ? "REVOKE" : "KEEP");
            rule.setWidth("9rem");
            noResponse.put(s, rule);
            rules.add(rule);
        }
        var delta = new Checkbox("Only what changed since the last review (and what is now unused)");
        var recurrence = new Select<String>();
        recurrence.setLabel("Repeat");
        recurrence.setItems("", "P3M", "P6M", "P1Y");
        recurrence.setItemLabelGenerator(v -> switch (v) {
            case "P3M" -> "Every 3 months";
            case "P6M" -> "Every 6 months";
            case "P1Y" -> "Every year";
            default -> "Once";
        });
        recurrence.setValue("");
        var form = new FormLayout(name, reviewers, all, sensitivities, keys, owners, holders, duration, recurrence);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("30rem", 2));
        form.setColspan(all, 2);
        form.setColspan(sensitivities, 2);
        Map<String, HasValidation> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("scope", sensitivities);
        fields.put("scope.sensitivities", sensitivities);
        fields.put("scope.keys", keys);
        fields.put("scope.keyOwners", owners);
        fields.put("scope.people", holders);
        fields.put("reviewers", reviewers);
        fields.put("durationDays", duration);
        fields.put("recurrence", recurrence);
        noResponse.forEach((s, rule) -> fields.put("noResponse." + s, rule));
        var errors = new FormErrors("campaign-error", fields);
        var start = new Button("Launch", VaadinIcon.PLAY.create(), e -> {
            Map<String, String> rulesBySensitivity = new LinkedHashMap<>();
            noResponse.forEach((s, rule) -> rulesBySensitivity.put(s, rule.getValue()));
            var definition = new CampaignDefinition(name.getValue(), new CampaignDefinition.Scope(all.getValue(),
                    List.copyOf(sensitivities.getValue()), list(keys.getValue()), list(owners.getValue()),
                    holders.getValue().contains("People"), holders.getValue().contains("Service accounts")),
                    reviewers.getValue(), duration.getValue(), rulesBySensitivity, delta.getValue(),
                    recurrence.getValue().isEmpty() ? null : recurrence.getValue());
            if (errors.attempt(() -> campaigns.launch(definition))) {
                Notices.success("Campaign launched: its scope is being snapshotted; reviewers hear from Keyward.");
                dialog.close();
                refresh();
            }
        });
        start.setId("campaign-launch");
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(form, rules, delta, errors.line());
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), start);
        return dialog;
    }

    private static List<String> list(String text) {
        return text == null || text.isBlank() ? List.of()
                : Arrays.stream(text.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    static String scope(CampaignDefinition.Scope scope) {
        List<String> parts = new ArrayList<>();
        if (Boolean.TRUE.equals(scope.all())) {
            parts.add("every grant");
        }
        if (!scope.sensitivities().isEmpty()) {
            parts.add(String.join(", ", scope.sensitivities()) + " keys");
        }
        if (!scope.keys().isEmpty()) {
            parts.add("keys " + String.join(", ", scope.keys()));
        }
        if (!scope.keyOwners().isEmpty()) {
            parts.add("keys of " + String.join(", ", scope.keyOwners()));
        }
        String holders = Boolean.FALSE.equals(scope.serviceAccounts()) ? " (people only)"
                : Boolean.FALSE.equals(scope.people()) ? " (service accounts only)" : "";
        return String.join(" among ", parts) + holders;
    }

    /** "LOW, MEDIUM kept; HIGH, CRITICAL revoked". */
    static String noResponse(Map<String, String> rules) {
        String kept = SENSITIVITIES.stream().filter(s -> "KEEP".equals(rules.get(s))).collect(Collectors.joining(", "));
        String revoked = SENSITIVITIES.stream().filter(s -> "REVOKE".equals(rules.get(s))).collect(Collectors.joining(", "));
        return (kept.isEmpty() ? "" : kept + " kept") + (kept.isEmpty() || revoked.isEmpty() ? "" : "; ")
                + (revoked.isEmpty() ? "" : revoked + " revoked");
    }

    static String reviewers(String code) {
        return switch (code) {
            case "KEY_OWNER" -> "Key owner";
            case "MANAGER_THEN_OWNER" -> "Manager, then key owner";
            default -> "Holder's manager";
        };
    }
}
