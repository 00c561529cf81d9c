package de.jobcenter.postfach.quality.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Samples the resident set size (VmRSS) of the service processes and keeps each service's highest value. */
final class RssSampler implements AutoCloseable {

    private final Map<String, Long> maxKiB = new ConcurrentHashMap<>();
    private final Map<String, String> phaseOfMax = new ConcurrentHashMap<>();
    private volatile String phase = "start";
    private volatile boolean running = true;
    private final Thread thread;

    RssSampler(Supplier<Map<String, Long>> pids, long everyMillis) {
        thread = new Thread(
                () -> {
                    while (running) {
                        pids.get().forEach((name, pid) -> {
                            long kib = rssKiB(pid);
                            if (kib > maxKiB.getOrDefault(name, 0L)) {
                                maxKiB.put(name, kib);
                                phaseOfMax.put(name, phase);
                            }
                        });
                        try {
                            Thread.sleep(everyMillis);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "rss-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    void phase(String phase) {
        this.phase = phase;
    }

    /** VmRSS of a process in KiB, or 0 if it is gone. */
    static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    Map<String, Long> maxKiB() {
        return maxKiB;
    }

    String phaseOfMax(String name) {
        return phaseOfMax.getOrDefault(name, "?");
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
