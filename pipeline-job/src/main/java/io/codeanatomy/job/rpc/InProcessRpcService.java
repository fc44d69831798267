package io.codeanatomy.job.rpc;

import org.apache.flink.runtime.rpc.FencedRpcEndpoint;
import org.apache.flink.runtime.rpc.FencedRpcGateway;
import org.apache.flink.runtime.rpc.RpcEndpoint;
import org.apache.flink.runtime.rpc.RpcGateway;
import org.apache.flink.runtime.rpc.RpcServer;
import org.apache.flink.runtime.rpc.RpcService;
import org.apache.flink.runtime.rpc.RpcUtils;
import org.apache.flink.runtime.rpc.exceptions.HandshakeException;
import org.apache.flink.runtime.rpc.exceptions.RpcConnectionException;
import org.apache.flink.runtime.rpc.exceptions.RpcRuntimeException;
import org.apache.flink.util.concurrent.FutureUtils;
import org.apache.flink.util.concurrent.ScheduledExecutor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A local RPC service whose endpoints live in this JVM and are called directly: each endpoint's
 * messages run in order on the service's threads ({@link EndpointMailbox}), gateways are proxies
 * that post to the mailbox ({@link GatewayInvocationHandler}). What Flink's Pekko service does for a
 * local actor system, without starting one: the embedded MiniCluster's two actor systems took a
 * third of a second of a small run's start (docs/speed.md, session 27). Endpoints are reachable from
 * every in-process service of the JVM by their address, {@code local://SERVICE/ENDPOINT}.
 */
final class InProcessRpcService implements RpcService {
    private static final Logger LOG = LoggerFactory.getLogger(InProcessRpcService.class);
    static final String SCHEME = "local://";
    /** The host name every endpoint reports, as for Pekko's local actor systems. */
    static final String HOSTNAME = "localhost";
    private static final AtomicInteger SERVICES = new AtomicInteger();
    /** Every in-process endpoint of the JVM that has not terminated, by address. */
    private static final Map<String, EndpointMailbox> ENDPOINTS = new ConcurrentHashMap<>();

    private final String name;
    private final Duration timeout;
    private final RpcThreads threads;
    private final Set<EndpointMailbox> own = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> termination = new CompletableFuture<>();
    private final Object lock = new Object();
    private boolean stopped;

    InProcessRpcService(String componentName, Duration timeout) {
        this.name = componentName + "-" + SERVICES.incrementAndGet();
        this.timeout = timeout;
        this.threads = new RpcThreads("rpc-" + name);
        LOG.info("In-process RPC service {} started", name);
    }

    /** Like a local Pekko actor system: no host, no port. */
    @Override
    public String getAddress() {
        return "";
    }

    @Override
    public int getPort() {
        return -1;
    }

    @Override
    public <C extends RpcGateway> C getSelfGateway(Class<C> selfGatewayType, RpcServer rpcServer) {
        if (!selfGatewayType.isInstance(rpcServer)) {
            throw new ClassCastException("RpcEndpoint does not implement the RpcGateway interface of type " + selfGatewayType + '.');
        }
        return selfGatewayType.cast(rpcServer);
    }

    @Override
    public <C extends RpcGateway> CompletableFuture<C> connect(String address, Class<C> gateway) {
        return gateway(address, gateway, null);
    }

    @Override
    public <F extends Serializable, C extends FencedRpcGateway<F>> CompletableFuture<C> connect(String address, F fencingToken,
            Class<C> gateway) {
        return gateway(address, gateway, () -> fencingToken);
    }

    private <C extends RpcGateway> CompletableFuture<C> gateway(String address, Class<C> gateway,
            Supplier<? extends Serializable> fencingToken) {
        synchronized (lock) {
            if (stopped) {
                throw new IllegalStateException("RpcService is stopped");
            }
        }
        CompletableFuture<C> connected = new CompletableFuture<>();
        // Completed on the service's threads, as Pekko's handshake answer is: never in the caller's call.
        threads.execute(() -> {
            EndpointMailbox mailbox = ENDPOINTS.get(address);
            if (mailbox == null) {
                connected.completeExceptionally(new RpcConnectionException(
                        "Could not connect to rpc endpoint under address " + address + ": no such endpoint in this JVM."));
            } else if (!gateway.isAssignableFrom(mailbox.endpoint().getClass())) {
                connected.completeExceptionally(new HandshakeException(
                        "The rpc endpoint does not support the gateway " + gateway.getSimpleName() + "."));
            } else {
                connected.complete(gateway.cast(proxy(List.of(gateway),
                        new GatewayInvocationHandler(mailbox, threads, timeout, fencingToken, false))));
            }
        });
        return connected;
    }

    @Override
    public <C extends RpcEndpoint & RpcGateway> RpcServer startServer(C endpoint, Map<String, String> loggingContext) {
        String address = SCHEME + name + "/" + endpoint.getEndpointId();
        EndpointMailbox mailbox = new EndpointMailbox(endpoint, address, threads, loggingContext);
        synchronized (lock) {
            if (stopped) {
                throw new IllegalStateException("RpcService is stopped");
            }
            if (ENDPOINTS.putIfAbsent(address, mailbox) != null) {
                throw new RpcRuntimeException("Could not start the RPC endpoint " + endpoint.getEndpointId()
                        + ": another endpoint of that id runs at " + address + ".");
            }
            own.add(mailbox);
        }
        mailbox.termination().whenComplete((ok, failed) -> {
            ENDPOINTS.remove(address, mailbox);
            own.remove(mailbox);
        });
        LOG.info("Starting RPC endpoint for {} at {} .", endpoint.getClass().getName(), address);
        Set<Class<?>> interfaces = new LinkedHashSet<>(RpcUtils.extractImplementedRpcGateways(endpoint.getClass()));
        interfaces.add(RpcServer.class);
        Supplier<? extends Serializable> token = endpoint instanceof FencedRpcEndpoint<?> fenced ? fenced::getFencingToken : null;
        return (RpcServer) proxy(interfaces, new GatewayInvocationHandler(mailbox, threads, timeout, token, true));
    }

    private static Object proxy(java.util.Collection<Class<?>> interfaces, GatewayInvocationHandler handler) {
        return Proxy.newProxyInstance(InProcessRpcService.class.getClassLoader(), interfaces.toArray(new Class<?>[0]), handler);
    }

    @Override
    public void stopServer(RpcServer server) {
        if (Proxy.isProxyClass(server.getClass()) && Proxy.getInvocationHandler(server) instanceof GatewayInvocationHandler handler
                && own.contains(handler.mailbox())) {
            handler.mailbox().terminate();
            return;
        }
        LOG.debug("RPC endpoint {} already stopped or from a different RPC service", server.getAddress());
    }

    @Override
    public ScheduledExecutor getScheduledExecutor() {
        return threads.scheduledExecutor();
    }

    @Override
    public CompletableFuture<Void> closeAsync() {
        List<CompletableFuture<Void>> endpoints = new ArrayList<>();
        synchronized (lock) {
            if (stopped) {
                return termination;
            }
            stopped = true;
            LOG.info("Stopping in-process RPC service {}.", name);
            for (EndpointMailbox mailbox : own) {
                endpoints.add(mailbox.terminate().exceptionally(failed -> null));
            }
        }
        FutureUtils.waitForAll(endpoints).whenComplete((ok, failed) -> {
            threads.shutdown();
            LOG.info("Stopped in-process RPC service {}.", name);
            termination.complete(null);
        });
        return termination;
    }
}
