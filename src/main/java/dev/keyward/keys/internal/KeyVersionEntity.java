package dev.keyward.keys.internal;

import dev.keyward.keys.ManagedKey;
import dev.keyward.keys.UsableKey;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

@Entity
@Table(name = "keys_key_version")
class KeyVersionEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "key_id")
    private ManagedKeyEntity key;
    private int versionNo;
    private String hsmLabel;
    private String kcv;
    private Instant createdAt;
    private Instant activatedAt;
    private Instant deactivatedAt;
    private Instant compromisedAt;
    private Instant retiredAt;
    private Instant originatorUsageEnd;
    private Instant recipientUsageEnd;

    protected KeyVersionEntity() {
    }

    KeyVersionEntity(ManagedKeyEntity key, int versionNo, String hsmLabel, String kcv, Instant at, Cryptoperiods.Period period) {
        this.key = key;
        this.versionNo = versionNo;
        this.hsmLabel = hsmLabel;
        this.kcv = kcv;
        this.createdAt = at;
        this.originatorUsageEnd = at.plus(period.originator());
        this.recipientUsageEnd = at.plus(period.recipient());
    }

    ManagedKey.Version toVersion() {
        return new ManagedKey.Version(versionNo, hsmLabel, kcv.trim(), createdAt, activatedAt, deactivatedAt,
                compromisedAt, retiredAt, originatorUsageEnd, recipientUsageEnd);
    }

    /** Demo data only: pretend the version was made {@code age} ago (cryptoperiods move with it). */
    void backdate(Duration age) {
        createdAt = createdAt.minus(age);
        activatedAt = activatedAt == null ? null : activatedAt.minus(age);
        deactivatedAt = deactivatedAt == null ? null : deactivatedAt.minus(age);
        originatorUsageEnd = originatorUsageEnd.minus(age);
        recipientUsageEnd = recipientUsageEnd.minus(age);
    }

    int versionNo() {
        return versionNo;
    }

    String hsmLabel() {
        return hsmLabel;
    }

    String kcv() {
        return kcv.trim();
    }

    void activated(Instant at) {
        if (activatedAt == null) {
            activatedAt = at;
        }
    }

    /** Never to be used again, whatever the key's state later. */
    void compromised(Instant at) {
        deactivated(at);
        if (compromisedAt == null) {
            compromisedAt = at;
        }
    }

    UsableKey.Cryptoperiod cryptoperiod() {
        return new UsableKey.Cryptoperiod(originatorUsageEnd, recipientUsageEnd);
    }

    Instant compromisedAt() {
        return compromisedAt;
    }

    /** Nothing is decrypted or verified with it any more (an approved retirement); its HSM object stays. */
    void retired(Instant at) {
        deactivated(at);
        if (retiredAt == null) {
            retiredAt = at;
        }
    }

    Instant retiredAt() {
        return retiredAt;
    }

    void deactivated(Instant at) {
        if (deactivatedAt == null) {
            deactivatedAt = at;
        }
    }
}
