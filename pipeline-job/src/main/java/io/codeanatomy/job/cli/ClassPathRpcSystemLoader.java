package io.codeanatomy.job.cli;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.rpc.RpcSystem;
import org.apache.flink.runtime.rpc.RpcSystemLoader;
import org.apache.flink.runtime.rpc.exceptions.RpcLoaderException;

/**
 * Flink's RPC system (Pekko) from this jar's own class path, ahead of Flink's loader. Flink's
 * {@code PekkoRpcSystemLoader} unpacks a 24 MB jar nested in {@code flink-rpc-akka-loader} into the
 * temporary directory on every start and loads Pekko and Scala from it in a class loader of its own,
 * reading and inflating every class's bytes even where the class-data archive holds the class: about
 * 0.5 s of the embedded MiniCluster's start, which a small run waits for (docs/speed.md, session 25).
 * From the class path the archive serves those classes directly.
 *
 * <p>Where {@code flink-rpc-akka} is not on the class path this loader declines and Flink's runs. On a
 * Flink cluster the jar is user code, which Flink's processes do not consult for their RPC system.
 */
public final class ClassPathRpcSystemLoader implements RpcSystemLoader {
    static final String RPC_SYSTEM = "org.apache.flink.runtime.rpc.pekko.PekkoRpcSystem";

    private final String rpcSystemClass;

    /** Flink's service loader's constructor. */
    public ClassPathRpcSystemLoader() {
        this(RPC_SYSTEM);
    }

    ClassPathRpcSystemLoader(String rpcSystemClass) {
        this.rpcSystemClass = rpcSystemClass;
    }

    /** Lower loads first: Flink's own loader has 0. */
    @Override
    public int getLoadPriority() {
        return -1;
    }

    @Override
    public RpcSystem loadRpcSystem(Configuration config) {
        try {
            return Class.forName(rpcSystemClass, true, RpcSystem.class.getClassLoader())
                    .asSubclass(RpcSystem.class).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | ClassCastException absent) {
            throw new RpcLoaderException("Flink's RPC system is not on the class path: " + absent);
        }
    }
}
