package de.jobcenter.postfach.quality.harness;

/** The seven deployables, each started from its packaged {@code <module>/target/quarkus-app/quarkus-run.jar}. */
public enum Service {
    CONFIG("config-service", true),
    MAILBOX_API("mailbox-api", true),
    ROUTING("routing-service", false),
    EAKTE_ADAPTER("eakte-adapter", false),
    OUTLOOK_ADAPTER("outlook-adapter", true),
    SERVICECENTER_ADAPTER("servicecenter-adapter", true),
    NOTIFICATION("notification-service", true);

    private final String module;
    private final boolean needsDatabase;

    Service(String module, boolean needsDatabase) {
        this.module = module;
        this.needsDatabase = needsDatabase;
    }

    /** The Maven module (folder) and the name of the process and its log. */
    public String module() {
        return module;
    }

    public boolean needsDatabase() {
        return needsDatabase;
    }
}
