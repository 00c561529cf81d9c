package de.jobcenter.postfach.config.web;

/** Which requests belong to the web UI (everything but the API, the service endpoints and Quarkus' own). */
final class WebPaths {
    private WebPaths() {}

    static boolean isWeb(String path) {
        return path != null
                && !path.equals("/api")
                && !path.startsWith("/api/")
                && !path.equals("/internal")
                && !path.startsWith("/internal/")
                && !path.startsWith("/q/");
    }

    static String office(String officeId) {
        return "/dienststellen/" + officeId;
    }

    static String change(String officeId) {
        return office(officeId) + "/aenderung";
    }

    static String edit(String officeId) {
        return office(officeId) + "/bearbeiten";
    }
}
