/**
 * Benchmarks P1–P6 of the quality bars ({@code /work/shared/design/70-quality.md}), each figure beside a baseline
 * measured in the same run.
 *
 * <pre>
 * ./mvnw install -DskipTests                  # once: the services' quarkus-app jars
 * ./mvnw -pl quality -Pbenchmarks verify      # about 10–12 minutes; table on stdout,
 *                                             # target/benchmarks.json and target/benchmarks.md,
 *                                             # every process's log under target/bench/logs/
 * </pre>
 *
 * <p>Sizes: {@code -Dbench.p1.messages}, {@code -Dbench.p2.concurrency}, {@code -Dbench.p2.warmup-seconds},
 * {@code -Dbench.p2.seconds}, {@code -Dbench.p3.rate}, {@code -Dbench.p3.seconds}, {@code -Dbench.p5.offices},
 * {@code -Dbench.p5.prepare-seconds}, {@code -Dbench.p5.timeout-seconds}, {@code -Dbench.p6.rate}, {@code
 * -Dbench.p6.seconds}, {@code -Dbench.p6.info-customers}, {@code -Dbench.p6.wait-seconds}; which phases: {@code
 * -Dbench.phases=P1,P2,P3,P5,P6} (the P6 rows always, from what ran; the phase P6 adds the three other services);
 * the services' JVM: {@code -Dbench.service-heap}, {@code -Dbench.service-jvm-flags} (add
 * {@code -XX:NativeMemoryTracking=summary} for a native-memory breakdown per service), {@code -Dbench.service-env};
 * profiling: {@code -Dbench.jfr=true} writes a JFR recording per service start next to its log ({@code jfr print
 * --events jdk.ExecutionSample}, {@code jfr summary}).
 *
 * <ul>
 *   <li>P1: routing-service on a backlog of {@code bench.p1.messages} ~1 KB messages versus {@link
 *       de.jobcenter.postfach.quality.bench.PassThroughBaseline} on a copy of the same records (same partitions,
 *       transactions, poll batching, heap and flags).
 *   <li>P2: {@code POST /messages} at saturation (closed model, {@code bench.p2.concurrency} callers) and at half of
 *       it (open model) versus {@link de.jobcenter.postfach.quality.bench.JdbcBaseline} (the same three rows in one
 *       transaction, mailbox-api's schema and pool size, the same concurrency and offered rate).
 *   <li>P3/P4: {@code POST /messages} at a steady rate to {@code postfach.routed.eakte} and to the E-AKTE simulator
 *       versus raw Kafka produce→consume at the same rate; latency from each message's intended send time.
 *   <li>P5: 500 offices created and changed through config-service's central-admin API, then "roll out now"; time
 *       until routing-service and mailbox-api both hold every new version; beside one Kafka round trip.
 *   <li>P6: the highest VmRSS of each of the seven services during the run, and exec → ready of each first start.
 *       The phase P6 starts outlook-adapter, servicecenter-adapter and notification-service and loads them through
 *       mailbox-api (messages to JC-HAMBURG-NORD and JC-KOELN) and the E-AKTE simulator (staff messages to customers
 *       opted in to info e-mails), waiting until the mails, tickets and info e-mails have arrived.
 * </ul>
 */
package de.jobcenter.postfach.quality.bench;
