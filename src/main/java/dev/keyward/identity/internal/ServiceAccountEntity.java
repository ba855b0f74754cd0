package dev.keyward.identity.internal;

import dev.keyward.identity.ServiceAccount;
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
import java.time.Instant;

@Entity
@Table(name = "identity_service_account")
public class ServiceAccountEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String name;
    private String description;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "owner_id")
    private PersonEntity owner;
    @Enumerated(EnumType.STRING)
    private ServiceAccount.Status status;
    private Instant createdAt;

    protected ServiceAccountEntity() {
    }

    public ServiceAccountEntity(String name, String description, PersonEntity owner, Instant createdAt) {
        this.name = name;
        this.description = description;
        this.owner = owner;
        this.status = ServiceAccount.Status.ACTIVE;
        this.createdAt = createdAt;
    }

    public ServiceAccount toServiceAccount() {
        return new ServiceAccount(name, description, owner.getUsername(), status, createdAt);
    }

    public String getName() {
        return name;
    }

    public PersonEntity getOwner() {
        return owner;
    }

    public void setStatus(ServiceAccount.Status status) {
        this.status = status;
    }
}
