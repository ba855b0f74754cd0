package dev.keyward.audit.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import dev.keyward.audit.AuditChainBroken;
import dev.keyward.audit.AuditEntry;
import dev.keyward.audit.AuditFilter;
import dev.keyward.audit.AuditLog.ExportFormat;
import dev.keyward.audit.AuditLog;
import dev.keyward.audit.AuditOutcome;
import dev.keyward.audit.AuditRoles;
import dev.keyward.audit.AuditVerification;
import dev.keyward.common.ui.ViewerTime;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;

/**
 * The audit log for auditors and security officers: a lazy grid over any number of entries with filters and
 * details, the chain's verification status with progress, and streamed exports (NDJSON verifies offline).
 */
@Route("audit")
@PageTitle("Audit log · Keyward")
@Menu(title = "Audit log", order = 70, icon = "vaadin:records")
@RolesAllowed({AuditRoles.AUDITOR, AuditRoles.SECURITY_OFFICER})
public class AuditLogView extends VerticalLayout {

    private final AuditLog audit;
    private final Grid<AuditEntry> grid = new Grid<>();
    private final TextField actor = filterField("Actor", "filter-actor");
    private final TextField action = filterField("Action", "filter-action");
    private final TextField targetType = filterField("Target type", "filter-target-type");
    private final TextField targetId = filterField("Target id", "filter-target-id");
    private final Select<AuditOutcome> outcome = new Select<>();
    private final DateTimePicker from = new DateTimePicker("From");
    private final DateTimePicker to = new DateTimePicker("To");
    private final Span status = new Span("Not verified in this view yet.");
    private final ProgressBar progress = new ProgressBar();
    private final Button verify = new Button("Verify chain", VaadinIcon.SHIELD.create(), e -> verify());
    private ExecutorService worker;
    private AuditFilter filter = AuditFilter.ALL;

    AuditLogView(AuditLog audit) {
        this.audit = audit;
        setSizeFull();
        outcome.setLabel("Outcome");
        outcome.setEmptySelectionAllowed(true);
        outcome.setEmptySelectionCaption("Any");
        outcome.setItems(AuditOutcome.values());
        var apply = new Button("Apply filters", VaadinIcon.FILTER.create(), e -> applyFilters());
        apply.setId("apply-filters");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var filters = new HorizontalLayout(actor, action, targetType, targetId, outcome, from, to, apply);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);

        var zone = new Span(ViewerTime.zoneNote() + " Exports keep UTC.");
        zone.setId("audit-zone");
        zone.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        add(new H2("Audit log"), zone);
        audit.signingAlarm().ifPresent(alarm -> add(alarmBanner(alarm)));
        add(verificationBar(), filters, exports(), grid());
    }

    /** The sealer stopped signing: the one thing on this page that needs action before anything else. */
    private static Component alarmBanner(AuditChainBroken alarm) {
        var banner = new Div(new Span("Checkpoints are no longer being signed: " + alarm.problem()
                + ". The break starts at entry " + alarm.fromSequence() + ". Verify the chain, compare it with the "
                + "witness, and keep the database as it is for the investigation."));
        banner.setId("audit-alarm");
        banner.getElement().setAttribute("role", "alert");
        banner.getStyle().set("background", "var(--lumo-error-color-10pct)").set("color", "var(--lumo-error-text-color)")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)").set("border-radius", "var(--lumo-border-radius-m)");
        return banner;
    }

    private Component verificationBar() {
        status.setId("verification-status");
        progress.setVisible(false);
        progress.setWidth("12rem");
        verify.setId("verify-chain");
        var bar = new HorizontalLayout(verify, status, progress);
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        return bar;
    }

    private Component exports() {
        var ndjson = new Anchor(download(ExportFormat.NDJSON), AttachmentType.DOWNLOAD, "Export NDJSON (verifiable)");
        ndjson.setId("export-ndjson");
        var csv = new Anchor(download(ExportFormat.CSV), AttachmentType.DOWNLOAD, "Export CSV");
        csv.setId("export-csv");
        var key = new Anchor(event -> {
            event.setFileName("keyward-audit-public.pem");
            event.setContentType("application/x-pem-file");
            event.getWriter().write(audit.publicKeyPem());
        }, AttachmentType.DOWNLOAD, "Public key (PEM)");
        key.setId("export-public-key");
        return new HorizontalLayout(ndjson, csv, key);
    }

    private DownloadHandler download(ExportFormat format) {
        return event -> {
            event.setFileName("keyward-audit." + format.name().toLowerCase());
            event.setContentType(format == ExportFormat.CSV ? "text/csv" : "application/x-ndjson");
            audit.export(filter, format, event.getOutputStream());
        };
    }

    private Component grid() {
        grid.setId("audit-entries");
        grid.addColumn(AuditEntry::seq).setHeader("#").setWidth("5rem").setFlexGrow(0);
        grid.addColumn(e -> ViewerTime.milli(e.occurredAt())).setHeader("Time").setWidth("13rem").setFlexGrow(0);
        grid.addColumn(e -> e.actorName() + " (" + e.actorId() + ")").setHeader("Actor").setFlexGrow(2)
                .setTooltipGenerator(e -> e.actorName() + " (" + e.actorId() + ")");
        grid.addColumn(AuditEntry::action).setHeader("Action").setFlexGrow(2);
        grid.addColumn(e -> e.targetType() + " " + e.targetId()).setHeader("Target").setFlexGrow(2)
                .setTooltipGenerator(e -> e.targetType() + " " + e.targetId());
        grid.addColumn(AuditEntry::outcome).setHeader("Outcome").setWidth("7rem").setFlexGrow(0);
        grid.setItemDetailsRenderer(new ComponentRenderer<>(AuditLogView::details));
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setSizeFull();
        refreshGrid();
        return grid;
    }

    private static Component details(AuditEntry e) {
        var text = new Pre("details:        " + e.details() + "\nclient address: " + nullToDash(e.clientAddress())
                + "\nuser agent:     " + nullToDash(e.userAgent()) + "\nprevious hash:  " + e.prevHash()
                + "\nhash:           " + e.hash());
        text.getStyle().set("margin", "0").set("white-space", "pre-wrap");
        return new Div(text);
    }

    private void applyFilters() {
        filter = new AuditFilter(blankToNull(actor), blankToNull(action), blankToNull(targetType), blankToNull(targetId),
                outcome.getValue(), instant(from.getValue()), instant(to.getValue()), null, null);
        refreshGrid();
    }

    private void refreshGrid() {
        AuditFilter current = filter;
        grid.setItems(query -> audit.find(current, query.getOffset(), query.getLimit()).stream());
    }

    /** Verification can take seconds over millions of entries: it runs beside the UI, which polls for progress. */
    private void verify() {
        UI ui = UI.getCurrent();
        long total = Math.max(1, audit.count(AuditFilter.ALL));
        verify.setEnabled(false);
        progress.setMax(total);
        progress.setValue(0);
        progress.setVisible(true);
        status.setText("Verifying " + total + " entries…");
        ui.setPollInterval(500);
        worker.submit(new DelegatingSecurityContextRunnable(() -> {
            AuditVerification result = audit.verify(done -> ui.access(() -> {
                progress.setValue(Math.min(done, total));
                status.setText("Verifying… " + done + " of " + total + " entries checked");
            }));
            ui.access(() -> show(result));
        }));
    }

    private void show(AuditVerification r) {
        verify.setEnabled(true);
        progress.setVisible(false);
        getUI().ifPresent(ui -> ui.setPollInterval(-1));
        String checkpoint = r.lastCheckpoint() == null ? "no signed checkpoint yet"
                : "last signed checkpoint #" + r.lastCheckpoint().lastSeq() + " at " + ViewerTime.second(r.lastCheckpoint().createdAt());
        status.setText(r.valid()
                ? "Verified: " + r.entries() + " entries intact; " + checkpoint + "."
                : "TAMPERING DETECTED at entry " + r.firstInvalidSequence() + ": " + r.problem() + " (" + checkpoint + ").");
        status.getElement().getThemeList().set("badge", true);
        status.getElement().getThemeList().set("success", r.valid());
        status.getElement().getThemeList().set("error", !r.valid());
    }

    @Override
    protected void onAttach(AttachEvent event) {
        worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "audit-verify"));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        worker.shutdownNow();
    }

    private static TextField filterField(String label, String id) {
        var field = new TextField(label);
        field.setId(id);
        field.setClearButtonVisible(true);
        field.setWidth("11rem");
        return field;
    }

    private static String blankToNull(TextField field) {
        return field.getValue().isBlank() ? null : field.getValue().strip();
    }

    private static Instant instant(LocalDateTime time) {
        return time == null ? null : time.atZone(ViewerTime.zone()).toInstant();
    }

    private static String nullToDash(String s) {
        return s == null ? "—" : s;
    }
}
