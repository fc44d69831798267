package io.codeanatomy.job.rpc;

import org.apache.flink.runtime.rpc.FencedRpcEndpoint;
import org.apache.flink.runtime.rpc.FencedRpcGateway;
import org.apache.flink.runtime.rpc.MainThreadExecutable;
import org.apache.flink.runtime.rpc.RpcGateway;
import org.apache.flink.runtime.rpc.RpcGatewayUtils;
import org.apache.flink.runtime.rpc.RpcServer;
import org.apache.flink.runtime.rpc.StartStoppable;
import org.apache.flink.runtime.rpc.exceptions.FencingTokenException;
import org.apache.flink.runtime.rpc.exceptions.RpcException;
import org.apache.flink.util.ExceptionUtils;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * What an endpoint's gateways and its own server are made of: a method of the endpoint's gateway
 * interfaces becomes a message to its mailbox (Flink's RPC semantics: {@code void} is sent and not
 * waited for, a {@code CompletableFuture} is answered when the endpoint's future completes, anything
 * else is waited for; an {@code @RpcTimeout} argument or the ask timeout bounds the wait). The
 * arguments and results are passed as they are, not serialized: caller and endpoint share the JVM.
 * A gateway connected with a fencing token has its calls checked against the endpoint's token.
 */
final class GatewayInvocationHandler implements InvocationHandler, RpcServer {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayInvocationHandler.class);
    /** Longer timeouts ({@code RpcUtils.INF_TIMEOUT}) are not scheduled. */
    private static final Duration LONGEST_TIMER = Duration.ofDays(1);

    private final EndpointMailbox mailbox;
    private final RpcThreads threads;
    private final Duration timeout;
    /** The token the calls carry; null for a gateway connected without one. */
    private final Supplier<? extends Serializable> fencingToken;
    /** Whether this is the endpoint's own server (start, stop, termination future). */
    private final boolean server;

    GatewayInvocationHandler(EndpointMailbox mailbox, RpcThreads threads, Duration timeout,
            Supplier<? extends Serializable> fencingToken, boolean server) {
        this.mailbox = mailbox;
        this.threads = threads;
        this.timeout = timeout;
        this.fencingToken = fencingToken;
        this.server = server;
    }

    EndpointMailbox mailbox() {
        return mailbox;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Class<?> declaring = method.getDeclaringClass();
        if (declaring == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "RPC gateway to " + mailbox.address();
            };
        }
        if (declaring == RpcGateway.class || declaring == StartStoppable.class || declaring == MainThreadExecutable.class
                || declaring == RpcServer.class) {
            try {
                return method.invoke(this, args);
            } catch (InvocationTargetException e) {
                throw e.getTargetException();
            }
        }
        if (declaring == FencedRpcGateway.class) {
            if (fencingToken == null) {
                throw new UnsupportedOperationException("FencedRpcGateway#" + method.getName() + " on a gateway to "
                        + mailbox.address() + " connected without a fencing token: connect with RpcService#connect(address,"
                        + " fencingToken, class)");
            }
            return fencingToken.get();
        }
        return invokeRpc(method, args == null ? new Object[0] : args);
    }

    private Object invokeRpc(Method method, Object[] args) throws Exception {
        Duration wait = RpcGatewayUtils.extractRpcTimeout(method.getParameterAnnotations(), args, timeout);
        Method target = mailbox.endpoint().getClass().getMethod(method.getName(), method.getParameterTypes());
        target.setAccessible(true); // an anonymous endpoint class, as in tests
        Serializable token = fencingToken == null ? null : fencingToken.get();
        if (method.getReturnType() == Void.TYPE) {
            mailbox.post(() -> {
                FencingTokenException fenced = fenceRefuses(token, method);
                if (fenced != null) {
                    LOG.debug("{}", fenced.getMessage());
                    return;
                }
                try {
                    call(target, args);
                } catch (Throwable failure) {
                    LOG.error("Error while executing remote procedure call {}.", target, failure);
                }
            }, refused -> LOG.debug("{} to {} refused: {}", method.getName(), mailbox.address(), refused.getMessage()));
            return null;
        }
        CompletableFuture<Object> reply = new CompletableFuture<>();
        mailbox.post(() -> {
            FencingTokenException fenced = fenceRefuses(token, method);
            if (fenced != null) {
                reply.completeExceptionally(fenced);
                return;
            }
            try {
                Object result = call(target, args);
                if (result instanceof CompletableFuture<?> future) {
                    future.whenComplete((value, failure) -> {
                        if (failure != null) {
                            reply.completeExceptionally(failure);
                        } else {
                            reply.complete(value);
                        }
                    });
                } else {
                    reply.complete(result);
                }
            } catch (Throwable failure) {
                reply.completeExceptionally(failure);
            }
        }, reply::completeExceptionally);
        CompletableFuture<Object> answer = answer(reply, wait, method.getName());
        if (method.getReturnType() == CompletableFuture.class) {
            return answer;
        }
        try {
            return answer.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new RpcException("Failure while obtaining synchronous RPC result.", ExceptionUtils.stripExecutionException(e));
        }
    }

    /** Null when the call may go in: the endpoint is not fenced, or the call carries its token. */
    private FencingTokenException fenceRefuses(Serializable token, Method method) {
        if (!(mailbox.endpoint() instanceof FencedRpcEndpoint<?> fenced)) {
            return null;
        }
        Serializable expected = fenced.getFencingToken();
        if (token == null) {
            return new FencingTokenException("Ignoring " + method.getName() + " sent to " + mailbox.address()
                    + " without a fencing token: the endpoint is fenced.");
        }
        if (!Objects.equals(expected, token)) {
            return new FencingTokenException("Fencing token mismatch: ignoring " + method.getName() + " because the fencing token "
                    + token + " did not match the expected fencing token " + expected + ".");
        }
        return null;
    }

    /** The endpoint method's result; what it threw, unwrapped. */
    private Object call(Method target, Object[] args) throws Throwable {
        try {
            return target.invoke(mailbox.endpoint(), args);
        } catch (InvocationTargetException e) {
            throw e.getTargetException();
        }
    }

    /**
     * The caller's future: completed on the service's threads (not the endpoint's main thread), and
     * failed with a {@link TimeoutException} when the endpoint has not answered within {@code wait}.
     */
    private CompletableFuture<Object> answer(CompletableFuture<Object> reply, Duration wait, String what) {
        CompletableFuture<Object> answer = new CompletableFuture<>();
        ScheduledFuture<?> timer = wait.compareTo(LONGEST_TIMER) > 0 ? null : threads.later(() -> answer.completeExceptionally(
                new TimeoutException("Invocation of [" + what + "] at recipient [" + mailbox.address() + "] timed out after "
                        + wait.toMillis() + " ms.")), wait.toMillis());
        reply.whenComplete((value, failure) -> threads.execute(() -> {
            if (timer != null) {
                timer.cancel(false);
            }
            if (failure != null) {
                answer.completeExceptionally(ExceptionUtils.stripCompletionException(failure));
            } else {
                answer.complete(value);
            }
        }));
        return answer;
    }

    // RpcGateway, MainThreadExecutable, StartStoppable, RpcServer: answered here, not by the endpoint.

    @Override
    public String getAddress() {
        return mailbox.address();
    }

    @Override
    public String getHostname() {
        return InProcessRpcService.HOSTNAME;
    }

    @Override
    public void runAsync(Runnable runnable) {
        scheduleRunAsync(runnable, 0);
    }

    @Override
    public void scheduleRunAsync(Runnable runnable, long delayMillis) {
        Objects.requireNonNull(runnable, "runnable");
        if (delayMillis < 0) {
            throw new IllegalArgumentException("delay must be zero or greater");
        }
        Runnable post = () -> mailbox.post(runnable, refused -> LOG.debug("a runnable for {} refused: {}", mailbox.address(),
                refused.getMessage()));
        if (delayMillis == 0) {
            post.run();
        } else {
            threads.later(post, delayMillis);
        }
    }

    @Override
    public <V> CompletableFuture<V> callAsync(Callable<V> callable, Duration callTimeout) {
        CompletableFuture<Object> reply = new CompletableFuture<>();
        mailbox.post(() -> {
            try {
                reply.complete(callable.call());
            } catch (Throwable failure) {
                reply.completeExceptionally(failure);
            }
        }, reply::completeExceptionally);
        @SuppressWarnings("unchecked")
        CompletableFuture<V> answer = (CompletableFuture<V>) (CompletableFuture<?>) answer(reply, callTimeout, "callAsync");
        return answer;
    }

    @Override
    public void start() {
        mailbox.start();
    }

    @Override
    public void stop() {
        mailbox.stop();
    }

    @Override
    public CompletableFuture<Void> getTerminationFuture() {
        return server ? mailbox.termination() : null;
    }
}
