package de.jobcenter.postfach.kit.consumer;

/**
 * A record could not be processed within its retry budget. Its message becomes the dead-letter reason header,
 * so it carries only class names and counts, never content.
 */
public class ProcessingFailedException extends RuntimeException {
    public ProcessingFailedException(String reason) {
        super(reason, null, false, false);
    }
}
