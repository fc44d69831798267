package io.codeanatomy.job.cli;

import io.codeanatomy.job.rpc.InProcessRpcSystem;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
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
 * <p>Local services (all an embedded MiniCluster starts) are in-process ({@link InProcessRpcSystem}:
 * no actor system at all) unless {@value #LOCAL_RPC_KEY} is {@code pekko}; remote ones are Pekko's.
 *
 * <p>Where {@code flink-rpc-akka} is not on the class path this loader declines and Flink's runs. On a
 * Flink cluster the jar is user code, which Flink's processes do not consult for their RPC system.
 */
public final class ClassPathRpcSystemLoader implements RpcSystemLoader {
    static final String RPC_SYSTEM = "org.apache.flink.runtime.rpc.pekko.PekkoRpcSystem";
    static final String LOCAL_RPC_KEY = "codeanatomy.rpc.local";

    /** How the services of one process talk to each other. */
    public enum LocalRpc { IN_PROCESS, PEKKO }

    public static final ConfigOption<LocalRpc> LOCAL_RPC = ConfigOptions.key(LOCAL_RPC_KEY).enumType(LocalRpc.class)
            .defaultValue(LocalRpc.IN_PROCESS)
            .withDescription("The RPC system of the embedded cluster's services: in_process (direct calls in this JVM,"
                    + " no actor system) or pekko (Flink's own, local actor systems).");

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
        RpcSystem pekko;
        try {
            pekko = Class.forName(rpcSystemClass, true, RpcSystem.class.getClassLoader())
                    .asSubclass(RpcSystem.class).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | ClassCastException absent) {
            throw new RpcLoaderException("Flink's RPC system is not on the class path: " + absent);
        }
        return config.get(LOCAL_RPC) == LocalRpc.IN_PROCESS ? new InProcessRpcSystem(pekko) : pekko;
    }
}
