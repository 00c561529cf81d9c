package de.jobcenter.postfach.routing.replay;

/**
 * The outcome of one replay.
 *
 * @param replayed records re-published to {@code postfach.customer-messages}
 * @param kept records that did not match the filter and were written back to the dead-letter topic
 * @param complete whether the replay reached the end of the dead-letter topic as it stood at the start; if not (time
 *     limit), the rest is still there for the next replay
 */
public record ReplayResult(int replayed, int kept, boolean complete) {}
