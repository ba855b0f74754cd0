package dev.keyward.approvals;

import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/**
 * How a subject's module shows its cases in the one Approvals inbox (a Spring bean per subject type). The inbox adds
 * who decides as what, the deadlines, the comment and the passkey buttons; the subject adds what a careful approver
 * needs to know, from the signed facts and from live data.
 */
public interface SubjectCard {

    /** The {@link ApprovalSubject#type()} this card shows. */
    String subjectType();

    /** Adds a heading saying what is asked, then the facts, to {@code card}. */
    void render(InboxItem item, VerticalLayout card);
}
