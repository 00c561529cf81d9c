package de.jobcenter.postfach.config.rollout;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** One rollout: when, why, on which date the rules were checked, and what it did. */
@Entity
@Table(name = "rollout_run")
public class RolloutRun {
    public enum Trigger {
        /** The weekly schedule. */
        SCHEDULED,
        /** A central administrator asked for it. */
        MANUAL,
        /** The retry job, for offices whose last rollout failed. */
        RETRY
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Trigger trigger;

    @Column(name = "triggered_by")
    public String triggeredBy;

    @Column(name = "rollout_date", nullable = false)
    public LocalDate rolloutDate;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(nullable = false)
    public int activated;

    @Column(nullable = false)
    public int held;

    @Column(nullable = false)
    public int failed;
}
