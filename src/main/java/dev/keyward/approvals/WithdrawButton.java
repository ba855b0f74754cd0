package dev.keyward.approvals;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import dev.keyward.common.ui.Notices;
import dev.keyward.common.ui.Refusals;

/**
 * The requester's "Withdraw" on their own pending request of any kind, for every view that lists requests: asks to
 * confirm, withdraws the approval case through the engine, then tells the view to show the outcome.
 */
public final class WithdrawButton {

    private WithdrawButton() {
    }

    /** {@code what} names the request in the confirmation ("the rotation of payments-dek"). */
    public static Button of(ApprovalService approvals, String approvalId, String what, Runnable after) {
        var button = new Button("Withdraw", e -> {
            var dialog = new ConfirmDialog("Withdraw " + what + "?", "Its approvers stop seeing it and nothing is done. "
                    + "You can ask again later.", "Withdraw", confirmed -> {
                        if (Refusals.attempt(() -> approvals.withdraw(approvalId))) {
                            Notices.success("Withdrawn: " + what + ".");
                            after.run();
                        }
                    });
            dialog.setCancelable(true);
            dialog.setConfirmButtonTheme("error primary");
            dialog.open();
        });
        button.setId("withdraw-" + approvalId);
        return button;
    }
}
