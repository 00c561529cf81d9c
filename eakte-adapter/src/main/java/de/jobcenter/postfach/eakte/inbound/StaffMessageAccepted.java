package de.jobcenter.postfach.eakte.inbound;

import java.util.UUID;

/** The answer to E-AKTE: the stable id under which the staff message travels on. */
public record StaffMessageAccepted(UUID messageId) {}
