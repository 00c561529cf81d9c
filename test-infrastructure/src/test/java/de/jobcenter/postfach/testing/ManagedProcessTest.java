package de.jobcenter.postfach.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ManagedProcessTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void childProcessIsAwaitedOverHttpAndGoneAfterKill() {
        int port = Ports.free();
        ManagedProcess child = tinyServer("tiny-kill", String.valueOf(port)).start();

        child.awaitHttpOk("http://localhost:" + port + "/", START_TIMEOUT);
        assertThat(ProcessHandle.of(child.pid()))
                .hasValueSatisfying(handle -> assertThat(handle.isAlive()).isTrue());

        child.kill();

        assertThat(child.isAlive()).isFalse();
        assertThat(ProcessHandle.of(child.pid()).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(Ports.isOpen("localhost", port, 500)).isFalse();
        assertThat(child.logTail(5)).contains("listening on " + port).doesNotContain("stopped gracefully");
    }

    @Test
    void stopLetsTheChildShutDownGracefully() {
        int port = Ports.free();
        ManagedProcess child = tinyServer("tiny-stop", String.valueOf(port)).start();
        child.awaitHttpOk("http://localhost:" + port + "/", START_TIMEOUT);

        child.stop();

        assertThat(child.isAlive()).isFalse();
        assertThat(child.logTail(5)).contains("stopped gracefully");
    }

    @Test
    void waitingFailsAtOnceWithTheLogTailWhenTheChildDies() {
        ManagedProcess child = tinyServer("tiny-fail", "fail").start();
        long started = System.nanoTime();

        assertThatThrownBy(() -> child.awaitHttpOk("http://localhost:" + Ports.free() + "/", START_TIMEOUT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited with code 3")
                .hasMessageContaining("cannot start: port configuration broken");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void javaExecutableIsTheRunningJvmsJava() {
        assertThat(Path.of(ManagedProcess.javaExecutable())).isExecutable().endsWith(Path.of("bin", "java"));
    }

    private static ManagedProcess.Builder tinyServer(String name, String arg) {
        String testClasses = Path.of(TinyHttpServer.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .getPath())
                .toString();
        return ManagedProcess.java(name)
                .jvmArg("-Xmx32m")
                .jvmArg("-XX:TieredStopAtLevel=1")
                .mainClass(testClasses, TinyHttpServer.class.getName())
                .args(arg);
    }
}
