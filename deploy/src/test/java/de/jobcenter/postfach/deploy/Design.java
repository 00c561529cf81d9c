package de.jobcenter.postfach.deploy;

import java.util.Set;

/**
 * What the design (shared/design/60-platform.md, 00-overview.md) fixes about the deployment and no service
 * configuration says: which services scale how, which may talk to the world outside the cluster, and the labels
 * of the platform's parts the manifests point at.
 */
final class Design {

    /** Stateless consumers: scaled by a HorizontalPodAutoscaler. */
    static final Set<String> AUTOSCALED =
            Set.of("mailbox-api", "eakte-adapter", "servicecenter-adapter", "notification-service");

    /** Never autoscaled: routing-service scales by partitions, outlook-adapter polls IMAP on one replica. */
    static final Set<String> NOT_AUTOSCALED = Set.of("routing-service", "outlook-adapter");

    /** Published through the ingress controller. */
    static final Set<String> PUBLIC = Set.of("mailbox-api", "config-service");

    /** May send to addresses outside the cluster: E-AKTE, VCC, the mail servers. */
    static final Set<String> EXTERNAL_EGRESS =
            Set.of("eakte-adapter", "servicecenter-adapter", "outlook-adapter", "notification-service");

    /** Accept callbacks from addresses outside the cluster: E-AKTE and the VCC. */
    static final Set<String> EXTERNAL_INGRESS = Set.of("eakte-adapter", "servicecenter-adapter");

    /** The roles the realm must define (config-service's, E-AKTE's, operations'). */
    static final Set<String> REALM_ROLES = Set.of(
            "config-editor",
            "config-reviewer",
            "central-admin",
            "eakte-client",
            "postfach-operator",
            "config-snapshot-reader");

    /** mailbox-api's default for postfach.security.accepted-acr (MailboxConfig), when its properties set none. */
    static final String DEFAULT_ACCEPTED_ACR = "pin-letter-confirmed,eid";

    static final String INGRESS_CONTROLLER_NAMESPACE = "ingress-nginx";
    static final String INGRESS_CONTROLLER_NAME = "ingress-nginx";
    static final String KEYCLOAK_POD_LABEL = "app";
    static final String KEYCLOAK_POD_VALUE = "keycloak";
    static final String CNPG_CLUSTER_LABEL = "cnpg.io/cluster";

    private Design() {}
}
