package dev.keyward.identity.internal;

import dev.keyward.identity.Person;
import dev.keyward.identity.PersonStatus;
import dev.keyward.identity.Roles;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

@Entity
@Table(name = "identity_person")
public class PersonEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String username;
    private String displayName;
    private String email;
    private String department;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "manager_id")
    private PersonEntity manager;

    @Enumerated(EnumType.STRING)
    private PersonStatus status;

    private String passwordHash;

    @Column(name = "failed_sign_ins")
    private int failedSignIns;
    private Instant lastFailedAt;
    private Instant lockedAt;
    private Instant createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "identity_person_role", joinColumns = @JoinColumn(name = "person_id"))
    @Column(name = "role")
    private Set<String> roles = new HashSet<>();

    private String createdBy;
    private String managerSetBy;
    private Instant ownCredentialsAt;

    @Version
    private long version;

    protected PersonEntity() {
    }

    public PersonEntity(String username, String displayName, String email, String department, Instant createdAt) {
        this.username = username;
        this.displayName = displayName;
        this.email = email;
        this.department = department;
        this.status = PersonStatus.ACTIVE;
        this.createdAt = createdAt;
        this.roles.add(Roles.EMPLOYEE);
    }

    public Person toPerson() {
        return new Person(id, username, displayName, email, department,
                manager == null ? null : manager.getUsername(), status, roles, isLocked());
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public PersonStatus getStatus() {
        return status;
    }

    public void setStatus(PersonStatus status) {
        this.status = status;
    }

    /**
     * Records who made this account by hand (and set its manager, if they did). While a password they chose still
     * works, they may know how to sign in as this person, so they decide nothing for them.
     */
    public void madeBy(String maker, boolean setManager) {
        this.createdBy = maker;
        this.managerSetBy = setManager ? maker : null;
        this.ownCredentialsAt = passwordHash == null ? createdAt : null;
    }

    /** The person stops signing in with a password: what remains are passkeys they registered themselves. */
    public void removePassword(Instant at) {
        this.passwordHash = null;
        if (ownCredentialsAt == null) {
            ownCredentialsAt = at;
        }
    }

    /** Who may not decide for this person, with why (see {@link AccountMakers}). */
    public Map<String, String> makers() {
        return new AccountMakers(username, createdBy, managerSetBy, ownCredentialsAt != null).conflicted();
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }


    public void setManager(PersonEntity manager) {
        this.manager = manager;
    }

    public Set<String> getRoles() {
        return Set.copyOf(roles);
    }

    /** Replaces the roles; everyone keeps EMPLOYEE. */
    public void setRoles(Set<String> newRoles) {
        roles.clear();
        roles.addAll(newRoles);
        roles.add(Roles.EMPLOYEE);
    }

    public int getFailedSignIns() {
        return failedSignIns;
    }

    public Instant getLastFailedAt() {
        return lastFailedAt;
    }

    public boolean isLocked() {
        return lockedAt != null;
    }

    /** Counts a password attempt as failed until it succeeds (so concurrent attempts see it at once). */
    public void countSignInAttempt(Instant at) {
        failedSignIns++;
        lastFailedAt = at;
    }

    /** Locks at the limit; returns whether this call locked the account. */
    public boolean lockIfAtLimit(Instant at, int lockAfter) {
        if (failedSignIns >= lockAfter && lockedAt == null) {
            lockedAt = at;
            return true;
        }
        return false;
    }

    public void recordSuccessfulSignIn() {
        failedSignIns = 0;
        lastFailedAt = null;
    }

    public void unlock() {
        lockedAt = null;
        failedSignIns = 0;
        lastFailedAt = null;
    }
}
