package dev.keyward.keys.internal;

import dev.keyward.approvals.Approval;
import dev.keyward.approvals.ApprovalService;
import dev.keyward.approvals.ApprovalSubject;
import dev.keyward.approvals.Authorization;
import dev.keyward.approvals.NotAuthorizedException;
import dev.keyward.identity.PeopleService;
import dev.keyward.keys.KeyEvents.RetirementEnded;
import dev.keyward.keys.KeyEvents.VersionRetired;
import dev.keyward.keys.KeyState;
import dev.keyward.keys.Retirement;
import dev.keyward.keys.internal.KeyRetirementStore.Row;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the KeyVersionRetirement process does at each step; its delegates call only this. Retiring touches no HSM (the
 * object stays until the key is destroyed), so it runs in the transaction of the last decision.
 */
@Component
@Transactional
public class KeyRetirementWorkflow {

    private final KeyRetirementStore retirements;
    private final ManagedKeyRepository keys;
    private final ApprovalService approvals;
    private final PeopleService people;
    private final KeyUses uses;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    KeyRetirementWorkflow(KeyRetirementStore retirements, ManagedKeyRepository keys, ApprovalService approvals,
                          PeopleService people, KeyUses uses, ApplicationEventPublisher events,
                          Clock clock) {
        this.retirements = retirements;
        this.keys = keys;
        this.approvals = approvals;
        this.people = people;
        this.uses = uses;
        this.events = events;
        this.clock = clock;
    }

    /** Opens the retirement's approval (in the caller's transaction: the request and its approval start together). */
    public String openApproval(String retirementId) {
        String approvalId = approvals.open(subject(retirement(retirementId)));
        retirements.attachApproval(retirementId, approvalId);
        return approvalId;
    }

    /** The retirement as its approvers see it, now. */
    private ApprovalSubject subject(Row retirement) {
        ManagedKeyEntity key = key(retirement.key());
        return KeyRetirementSubject.of(retirement, key, people.managerOf(key.owner()).orElse(null));
    }

    /**
     * Retires the version once every decision approves and verifies now, unless the version became current or
     * unusable meanwhile, or the census shows use since the request and no override was signed. Returns why not.
     */
    public Optional<String> retire(String retirementId) {
        Row retirement = retirements.lock(retirementId).orElseThrow(() -> missing(retirementId));
        if (retirement.status() != Retirement.Status.PENDING) {
            return Optional.empty();
        }
        Authorization authorization;
        try {
            authorization = approvals.authorize(retirement.approvalId(), subject(retirement));
        } catch (NotAuthorizedException e) {
            return refuse(retirementId, e.getMessage());
        }
        Optional<String> refusal = stillUsable(retirement).or(() -> usedSince(retirement));
        return refusal.isPresent() ? refuse(retirementId, refusal.get()) : retire(retirement, authorization);
    }

    private Optional<String> refuse(String retirementId, String why) {
        end(retirementId, Retirement.Status.REFUSED, "Approved, but not retired: " + why);
        return Optional.of(why);
    }

    /** Retires the version: only with the engine's authorization of this retirement. */
    private Optional<String> retire(Row retirement, Authorization authorization) {
        String retirementId = authorization.requireFor(KeyRetirementSubject.TYPE, retirement.id()).subjectId();
        ManagedKeyEntity key = key(retirement.key());
        KeyVersionEntity version = key.versions().get(retirement.version() - 1);
        Instant now = clock.instant();
        version.retired(now);
        retirements.close(retirementId, Retirement.Status.RETIRED, "Retired.", now);
        events.publishEvent(new VersionRetired(key.alias(), version.versionNo(), version.kcv(), retirement.reason(),
                retirement.override()));
        return Optional.empty();
    }

    private Optional<String> stillUsable(Row retirement) {
        ManagedKeyEntity key = key(retirement.key());
        KeyVersionEntity version = key.versions().get(retirement.version() - 1);
        if (key.state() == KeyState.DESTROY_SCHEDULED || key.state() == KeyState.DESTROYED) {
            return Optional.of("the key is " + key.state() + " now.");
        }
        if (version.versionNo() == key.versions().size()) {
            return Optional.of("version " + version.versionNo() + " is the current version now.");
        }
        if (version.compromisedAt() != null || version.retiredAt() != null) {
            return Optional.of("version " + version.versionNo() + " is no longer usable anyway.");
        }
        return Optional.empty();
    }

    /** Use between the request and now, which the approvers did not see, refuses unless they signed an override. */
    private Optional<String> usedSince(Row retirement) {
        if (retirement.override() != null) {
            return Optional.empty();
        }
        List<String> inUse = uses.ofVersion(retirement.key(), retirement.version(),
                retirement.createdAt().plus(Duration.ofDays(1)));
        return inUse.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", inUse));
    }

    /** Closes a retirement its approval did not approve, with the rejecter's comment or the expiry. */
    public void closeUnapproved(String retirementId) {
        Approval.Ending ending = approvals.get(retirement(retirementId).approvalId()).ending("the version was kept");
        end(retirementId, Retirement.Status.valueOf(ending.status().name()), ending.outcome());
    }

    private void end(String retirementId, Retirement.Status status, String outcome) {
        Row retirement = retirement(retirementId);
        if (retirements.close(retirementId, status, outcome, clock.instant())) {
            events.publishEvent(new RetirementEnded(retirementId, retirement.key(), retirement.version(), status, outcome));
        }
    }

    private Row retirement(String id) {
        return retirements.find(id).orElseThrow(() -> missing(id));
    }

    private static NoSuchElementException missing(String id) {
        return new NoSuchElementException("No retirement " + id + ".");
    }

    private ManagedKeyEntity key(String alias) {
        return keys.findByAlias(alias).orElseThrow(() -> new NoSuchElementException("No key " + alias + "."));
    }
}
