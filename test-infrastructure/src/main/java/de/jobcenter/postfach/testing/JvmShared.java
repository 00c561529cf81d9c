package de.jobcenter.postfach.testing;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * One instance per JVM, whichever class loader asks. Quarkus loads test code and its libraries in one
 * class loader per test profile, so a plain static field would start a second broker for the second
 * profile. The platform MBean server is one object for the whole JVM: the first caller registers its
 * instance there under a management interface of JDK types only, later callers from any class loader
 * get a proxy that calls the same instance.
 */
final class JvmShared {

    /**
     * A string literal is interned: the same object in every class loader of the JVM, unlike any class
     * of ours. Held while a server starts, so two class loaders never start two of the same kind. Not the
     * MBean server itself: the JDK or a server's own MBean registration might synchronize on that.
     */
    private static final String LOCK = "de.jobcenter.postfach.testing.JvmShared";

    private JvmShared() {}

    static <T> T getOrCreate(String type, Class<T> view, Supplier<? extends T> factory) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = objectName(type);
        synchronized (LOCK) {
            if (server.isRegistered(name)) {
                return JMX.newMBeanProxy(server, name, view);
            }
            T instance = factory.get();
            try {
                server.registerMBean(new StandardMBean(instance, view), name);
            } catch (JMException e) {
                throw new IllegalStateException("Cannot register " + name, e);
            }
            return instance;
        }
    }

    /** A monitor that is the same object for every class loader of the JVM. */
    static Object lock() {
        return LOCK;
    }

    private static ObjectName objectName(String type) {
        try {
            return new ObjectName("de.jobcenter.postfach.testing:type=" + type);
        } catch (JMException e) {
            throw new IllegalArgumentException(type, e);
        }
    }
}
