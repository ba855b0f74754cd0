package dev.keyward.recertification.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.keyward.access.Permission;
import dev.keyward.approvals.PasskeySigning;
import dev.keyward.approvals.PreparedDecision;
import dev.keyward.common.ui.Badges;
import dev.keyward.common.ui.Badges.Tone;
import dev.keyward.common.ui.EmptyState;
import dev.keyward.common.ui.FoldingFilters;
import dev.keyward.common.ui.FormErrors;
import dev.keyward.common.ui.HiddenFrom;
import dev.keyward.common.ui.Notices;
import dev.keyward.common.ui.Refusals;
import dev.keyward.common.ui.ViewerTime;
import dev.keyward.identity.Roles;
import dev.keyward.recertification.ItemDecision;
import dev.keyward.recertification.ItemDecision.Decision;
import dev.keyward.recertification.ReviewFlag;
import dev.keyward.recertification.ReviewItem;
import dev.keyward.recertification.ReviewItem.ItemStatus;
import dev.keyward.recertification.ReviewItem.Recommendation;
import dev.keyward.recertification.ReviewService;
import dev.keyward.recertification.ReviewerCampaign;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * A reviewer's items, pending and deltas first, in a grid that pages through the database (thousands of items),
 * with filters. Each decision (keep, revoke, reduce) is staged on the page; the staged batch is then signed with one
 * passkey assertion and applies at once. Keeping a flagged item needs a comment; "Accept recommendations" stages the
 * recommendation of every pending item shown (flagged keeps are left for a comment).
 */
@Route("reviews")
@PageTitle("My reviews · Keyward")
@Menu(title = "My reviews", order = 22.5, icon = "vaadin:clipboard-check")
@PermitAll
@HiddenFrom(Roles.AUDITOR)
public class MyReviewsView extends VerticalLayout {

    private final ReviewService reviews;
    private final Grid<ReviewItem> grid = new Grid<>();
    private final Select<ReviewerCampaign> campaign = new Select<>();
    private final TextField key = new TextField("Key");
    private final Select<Recommendation> recommendation = new Select<>();
    private final Select<ReviewFlag> flag = new Select<>();
    private final Checkbox decidedToo = new Checkbox("Show decided");
    /** The decisions staged on this page, by item, in the order they were made. */
    private final Map<Long, ItemDecision> staged = new LinkedHashMap<>();
    private final Button sign = new Button("", VaadinIcon.KEY.create());
    private final Button clear = new Button("Clear");
    private final Span error = new Span();
    private final Span summary = new Span();
    private final Div empty = new Div();

    MyReviewsView(ReviewService reviews) {
        this.reviews = reviews;
        PasskeySigning.load(this);
        setSizeFull();
        add(new H2("My reviews"), new Paragraph("Does each person or application still need this key? Keep, reduce or "
                + "revoke each grant, then sign all your decisions at once with your passkey. Revocations take effect "
                + "immediately. Recommendations come from each grant's actual use."));
        add(filters(), actions(), empty, grid());
        refresh();
    }

    private Component filters() {
        campaign.setLabel("Campaign");
        campaign.setId("review-campaign");
        campaign.setEmptySelectionAllowed(true);
        campaign.setEmptySelectionCaption("All campaigns");
        campaign.setItemLabelGenerator(c -> c == null ? "All campaigns" : c.name() + " · due "
                + ViewerTime.day(c.deadlineAt()) + " · " + c.pending() + " pending");
        List<ReviewerCampaign> mine = reviews.myCampaigns();
        campaign.setItems(mine);
        key.setId("review-key");
        key.setClearButtonVisible(true);
        key.setValueChangeMode(ValueChangeMode.LAZY);
        recommendation.setLabel("Recommendation");
        recommendation.setItems(Recommendation.values());
        recommendation.setEmptySelectionAllowed(true);
        recommendation.setEmptySelectionCaption("Any");
        recommendation.setItemLabelGenerator(r -> r == null ? "Any" : r == Recommendation.KEEP ? "Keep" : "Revoke");
        flag.setLabel("Flag");
        flag.setItems(ReviewFlag.values());
        flag.setEmptySelectionAllowed(true);
        flag.setEmptySelectionCaption("Any");
        flag.setItemLabelGenerator(f -> f == null ? "Any" : f.label());
        decidedToo.setId("review-decided-too");
        campaign.addValueChangeListener(e -> refresh());
        key.addValueChangeListener(e -> refresh());
        recommendation.addValueChangeListener(e -> refresh());
        flag.addValueChangeListener(e -> refresh());
        decidedToo.addValueChangeListener(e -> refresh());
        return FoldingFilters.of("review-filters", new Component[] {key}, campaign, recommendation, flag, decidedToo);
    }

    private Component actions() {
        var acceptAll = new Button("Accept recommendations", VaadinIcon.MAGIC.create());
        acceptAll.setId("review-accept-all");
        acceptAll.setTooltipText("Stage the recommendation of every pending item shown (up to 1,000)");
        acceptAll.addClickListener(e -> acceptRecommendations(reviews.mine(filter(true), 0, 1000)));
        var acceptSelected = new Button("Accept for selected");
        acceptSelected.setId("review-accept-selected");
        acceptSelected.addClickListener(e -> acceptRecommendations(List.copyOf(grid.getSelectedItems())));
        var revokeSelected = new Button("Revoke selected");
        revokeSelected.setId("review-revoke-selected");
        revokeSelected.addClickListener(e -> {
            grid.getSelectedItems().stream().filter(MyReviewsView::open)
                    .forEach(i -> staged.put(i.id(), new ItemDecision(i.id(), Decision.REVOKE, null, null)));
            changed();
        });
        var handOver = new Button("Hand over selected…", e -> handOverDialog(List.copyOf(grid.getSelectedItems())));
        handOver.setId("review-hand-over");
        sign.setId("review-sign");
        sign.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        sign.addClickListener(e -> signStaged());
        clear.setId("review-clear");
        clear.addClickListener(e -> {
            staged.clear();
            changed();
        });
        error.setId("review-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        summary.setId("review-staged");
        var row = new HorizontalLayout(acceptAll, acceptSelected, revokeSelected, handOver, sign, clear, summary);
        row.setWrap(true);
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        var actions = new VerticalLayout(row, error);
        actions.setPadding(false);
        actions.setSpacing(false);
        return actions;
    }

    private Component grid() {
        grid.setId("review-items");
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        grid.addColumn(i -> i.principal() + (i.serviceAccount() ? " (app of " + i.accountOwner() + ")" : ""))
                .setHeader("Holder").setFlexGrow(2).setTooltipGenerator(ReviewItem::principal);
        grid.addComponentColumn(i -> {
            var cell = new HorizontalLayout(new Span(i.key()), Badges.of(i.sensitivity(), Tone.NEUTRAL));
            cell.setAlignItems(Alignment.CENTER);
            cell.setWrap(true);
            return cell;
        }).setHeader("Key").setFlexGrow(2);
        grid.addColumn(i -> i.permissions().stream().map(Permission::label).sorted().collect(Collectors.joining(", ")))
                .setHeader("Permissions").setFlexGrow(1);
        grid.addColumn(i -> i.lastUsedAt() == null ? "never" : ViewerTime.day(i.lastUsedAt())).setHeader("Last used")
                .setWidth("8rem").setFlexGrow(0);
        grid.addComponentColumn(MyReviewsView::recommendation).setHeader("Recommendation").setFlexGrow(3);
        grid.addComponentColumn(this::decision).setHeader("Your decision").setWidth("10rem").setFlexGrow(0);
        grid.setItemDetailsRenderer(new ComponentRenderer<>(this::details));
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES);
        grid.setSizeFull();
        grid.setMinHeight("24rem"); // on a phone the controls above take the screen: the page scrolls to a usable grid
        return grid;
    }

    private static Component recommendation(ReviewItem item) {
        var cell = new Div();
        cell.add(Badges.of(item.recommendation() == Recommendation.KEEP ? "Keep" : "Revoke",
                item.recommendation() == Recommendation.KEEP ? Tone.SUCCESS : Tone.ERROR));
        if (item.delta()) {
            cell.add(Badges.of("New or changed", Tone.PLAIN));
        }
        item.flags().forEach(f -> cell.add(Badges.of(f.label(), Tone.WARNING)));
        var reason = new Div(new Span(item.reason().substring(item.reason().indexOf(':') + 1).strip()));
        reason.getStyle().set("font-size", "var(--lumo-font-size-s)");
        cell.add(reason);
        return cell;
    }

    private Component decision(ReviewItem item) {
        if (!open(item)) {
            return Badges.of(Words.status(item), item.status() == ItemStatus.REVOKED ? Tone.ERROR : Tone.SUCCESS);
        }
        ItemDecision d = staged.get(item.id());
        if (d == null) {
            var decide = new Button("Decide", e -> grid.setDetailsVisible(item, !grid.isDetailsVisible(item)));
            decide.addClassName("review-decide");
            decide.addThemeVariants(ButtonVariant.LUMO_SMALL);
            return decide;
        }
        return Badges.of(Words.decision(d), d.decision() == Decision.REVOKE ? Tone.ERROR : Tone.SUCCESS);
    }

    /** The decision form of one item: keep, reduce (choose what stays) or revoke, with a comment. */
    private Component details(ReviewItem item) {
        var box = new VerticalLayout();
        box.addClassName("review-details");
        box.add(new Span(item.campaignName() + " · stage " + item.stage() + " · " + item.reason()
                + (item.routedReason() != null ? " · " + item.routedReason() : "")
                + " · valid until " + ViewerTime.day(item.validUntil())));
        if (!open(item)) {
            box.add(new Span(Words.status(item) + (item.decidedBy() != null ? " by " + item.decidedBy() : "")
                    + (item.decidedAt() != null ? " on " + ViewerTime.minute(item.decidedAt()) : "")
                    + (item.comment() != null ? ": " + item.comment() : "")));
            return box;
        }
        var choice = new RadioButtonGroup<Decision>("Decision");
        choice.setItems(Decision.values());
        choice.setItemLabelGenerator(d -> switch (d) {
            case KEEP -> "Keep";
            case REVOKE -> "Revoke";
            case REDUCE -> "Reduce";
        });
        choice.addClassName("review-choice");
        var keep = new CheckboxGroup<Permission>("Keep only");
        keep.setItems(item.permissions().stream().sorted().toList());
        keep.setItemLabelGenerator(Permission::label);
        keep.setVisible(false);
        choice.addValueChangeListener(e -> keep.setVisible(e.getValue() == Decision.REDUCE));
        var comment = new TextArea(item.flagged() ? "Comment (required to keep a flagged grant)" : "Comment");
        comment.addClassName("review-comment");
        comment.setMaxLength(ReviewService.MAX_COMMENT);
        comment.setWidthFull();
        ItemDecision before = staged.get(item.id());
        if (before != null) {
            choice.setValue(before.decision());
            if (before.keep() != null) {
                keep.setValue(before.keep());
            }
            comment.setValue(before.comment() == null ? "" : before.comment());
        }
        var errors = new FormErrors("review-error-" + item.id(), Map.of("decision", choice, "keep", keep, "comment", comment));
        var add = new Button("Add to my decisions", e -> {
            if (choice.getValue() == null) {
                errors.show("Choose keep, reduce or revoke.");
                return;
            }
            Set<Permission> kept = choice.getValue() == Decision.REDUCE ? keep.getValue() : null;
            var decision = new ItemDecision(item.id(), choice.getValue(), kept, comment.getValue());
            if (errors.attempt(() -> reviews.check(item, decision))) {
                staged.put(item.id(), new ItemDecision(item.id(), choice.getValue(), kept, blankToNull(comment.getValue())));
                grid.setDetailsVisible(item, false);
                changed();
            }
        });
        add.addClassName("review-add");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        box.add(choice, keep, comment, add, errors.line());
        return box;
    }

    /** Hands the selected pending items to somebody better placed to review them (audited). */
    private void handOverDialog(List<ReviewItem> selected) {
        if (selected.isEmpty()) {
            error.setText("Tick the items to hand over first.");
            return;
        }
        var dialog = new Dialog();
        dialog.setHeaderTitle("Hand over " + selected.size() + (selected.size() == 1 ? " item" : " items"));
        var to = new TextField("To (username)");
        to.setId("hand-over-to");
        var reason = new TextArea("Why they are better placed");
        reason.setId("hand-over-reason");
        reason.setWidthFull();
        var errors = new FormErrors("hand-over-error", Map.of("to", to, "reason", reason, "items", to));
        var confirm = new Button("Hand over", e -> {
            if (errors.attempt(() -> reviews.reassign(selected.stream().map(ReviewItem::id).toList(), to.getValue(),
                    reason.getValue()))) {
                Notices.success("Handed over to " + to.getValue().strip() + "; they see the items in My reviews.");
                selected.forEach(i -> staged.remove(i.id()));
                dialog.close();
                refresh();
            }
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new VerticalLayout(to, reason, errors.line()));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), confirm);
        dialog.open();
    }

    private void acceptRecommendations(List<ReviewItem> items) {
        int flagged = 0;
        for (ReviewItem item : items) {
            if (!open(item) || staged.containsKey(item.id())) {
                continue;
            }
            if (item.recommendation() == Recommendation.KEEP && item.flagged()) {
                flagged++;
                continue;
            }
            staged.put(item.id(), new ItemDecision(item.id(), item.recommendation() == Recommendation.KEEP
                    ? Decision.KEEP : Decision.REVOKE, null, null));
        }
        changed();
        if (flagged > 0) {
            summary.setText(summary.getText() + " · " + flagged + (flagged == 1 ? " flagged grant" : " flagged grants")
                    + " recommended to keep: decide one by one, with a comment");
        }
    }

    private void signStaged() {
        error.setText("");
        AtomicReference<PreparedDecision> prepared = new AtomicReference<>();
        List<ItemDecision> batch = new ArrayList<>(staged.values());
        if (!attempt(() -> prepared.set(reviews.prepare(batch)))) {
            return;
        }
        sign.setEnabled(false);
        PasskeySigning.sign(this, prepared.get(), assertion -> {
            AtomicReference<ReviewService.Applied> applied = new AtomicReference<>();
            if (attempt(() -> applied.set(reviews.sign(prepared.get().nonce(), assertion)))) {
                ReviewService.Applied a = applied.get();
                Notices.success("Signed and applied: " + a.kept() + " kept, " + a.reduced() + " reduced, " + a.revoked()
                        + " revoked. Revocations are in force now.");
                staged.clear();
            }
            sign.setEnabled(true);
            changed();
            refresh();
        }, message -> {
            error.setText(message);
            sign.setEnabled(true);
        });
    }

    private boolean attempt(Runnable change) {
        try {
            change.run();
            return true;
        } catch (RuntimeException e) {
            if (!Refusals.isRefusal(e)) {
                throw e;
            }
            error.setText(Refusals.message(e));
            return false;
        }
    }

    private void changed() {
        long revoke = staged.values().stream().filter(d -> d.decision() == Decision.REVOKE).count();
        sign.setText(staged.isEmpty() ? "Sign with passkey" : "Sign " + staged.size()
                + (staged.size() == 1 ? " decision" : " decisions") + " with passkey");
        sign.setEnabled(!staged.isEmpty());
        clear.setEnabled(!staged.isEmpty());
        summary.setText(staged.isEmpty() ? "No decisions yet" : staged.size() + " staged (" + revoke + " to revoke)");
        grid.getDataProvider().refreshAll();
    }

    private void refresh() {
        ReviewService.Filter filter = filter(!decidedToo.getValue());
        grid.setItems(query -> reviews.mine(filter, query.getOffset(), query.getLimit()).stream(),
                query -> (int) reviews.countMine(filter)).setIdentifierProvider(ReviewItem::id);
        boolean nothing = reviews.countMine(ReviewService.Filter.PENDING) == 0 && !decidedToo.getValue();
        empty.removeAll();
        if (nothing) {
            empty.add(EmptyState.of("no-reviews", "No access reviews wait for you",
                    "When a security officer launches a recertification campaign, the grants you answer for (your "
                            + "team's, or those on keys you own) appear here with a recommendation from their actual "
                            + "use. Tick \"Show decided\" to see what you already signed."));
        }
        changed();
    }

    private ReviewService.Filter filter(boolean pendingOnly) {
        ReviewerCampaign c = campaign.getValue();
        return new ReviewService.Filter(c == null ? null : c.id(), blankToNull(key.getValue()), recommendation.getValue(),
                flag.getValue(), pendingOnly);
    }

    private static boolean open(ReviewItem item) {
        return item.status() == ItemStatus.PENDING || (item.noResponse() && !item.late());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** How decisions and outcomes read. */
    static final class Words {

        private Words() {
        }

        static String decision(ItemDecision d) {
            return switch (d.decision()) {
                case KEEP -> "Keep";
                case REVOKE -> "Revoke";
                case REDUCE -> "Reduce to " + d.keep().stream().map(Permission::label).sorted().collect(Collectors.joining(", "));
            };
        }

        static String status(ReviewItem item) {
            String outcome = switch (item.status()) {
                case PENDING -> "Pending";
                case KEPT -> "Kept";
                case REVOKED -> "Revoked";
                case REDUCED -> "Reduced";
                case FORWARDED -> "Passed to the key owner";
            };
            return item.noResponse() ? outcome + " (no review by the deadline)" : outcome;
        }
    }
}
