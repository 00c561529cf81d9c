package de.jobcenter.postfach.kit.deadletter;

/**
 * The headers SmallRye's dead-letter-queue failure strategy adds to a dead-lettered record, beside the record's own
 * (CloudEvents) headers. Their values come from {@code ProcessingFailedException}s, so they are content-free.
 */
public final class DeadLetterHeaders {
    /** Every header the failure strategy adds starts with this; a replay removes them all. */
    public static final String PREFIX = "dead-letter-";

    public static final String REASON = "dead-letter-reason";
    public static final String CAUSE = "dead-letter-cause";
    public static final String EXCEPTION_CLASS = "dead-letter-exception-class-name";
    public static final String CAUSE_CLASS = "dead-letter-cause-class-name";
    /** The topic the record was consumed from: where a replay puts it back. */
    public static final String TOPIC = "dead-letter-topic";

    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";

    /** Added by {@link DeadLetterReplay}: {@code <dlq topic>-<partition>@<offset>} the record was replayed from. */
    public static final String REPLAYED_FROM = "postfach-replayed-from";

    private DeadLetterHeaders() {}

    public static boolean isDeadLetterHeader(String name) {
        return name.startsWith(PREFIX);
    }
}
