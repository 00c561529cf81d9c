package de.jobcenter.postfach.servicecenter.inbound;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A VCC signature that was accepted once, kept until its timestamp is outside the window anyway. */
@Entity
@Table(name = "used_signature")
public class UsedSignature {
    @Id
    @Column(name = "signature")
    public String signature;

    @Column(name = "used_at")
    public Instant usedAt;

    @Column(name = "expires_at")
    public Instant expiresAt;
}
