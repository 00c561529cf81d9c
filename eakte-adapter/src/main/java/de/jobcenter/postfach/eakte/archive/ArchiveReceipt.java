package de.jobcenter.postfach.eakte.archive;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** E-AKTE's answer to a filing (201, or 409 for one filed before): the document and its checksum. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArchiveReceipt(String documentId, String sha256) {
    boolean isComplete() {
        return documentId != null && !documentId.isBlank() && sha256 != null && sha256.matches("[0-9a-fA-F]{64}");
    }
}
