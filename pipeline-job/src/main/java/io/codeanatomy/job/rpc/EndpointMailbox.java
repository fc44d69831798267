package io.codeanatomy.job.rpc;

import org.apache.flink.runtime.rpc.MainThreadValidatorUtil;
import org.apache.flink.runtime.rpc.RpcEndpoint;
import org.apache.flink.runtime.rpc.exceptions.EndpointNotStartedException;
import org.apache.flink.runtime.rpc.exceptions.RecipientUnreachableException;
import org.apache.flink.runtime.rpc.exceptions.RpcException;
import org.apache.flink.util.MdcUtils;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One endpoint's main thread: its messages run one at a time, in the order they were posted, on
 * the service's threads, with the endpoint's main-thread marker, logging context and class loader
 * set, which is what Flink's endpoints assume of an actor. The life cycle is Flink's Pekko actor's:
 * messages are refused until {@code start}, {@code stop} refuses them again, {@code terminate}
 * calls the endpoint's {@code onStop} and, once its future completes, ends the mailbox; a message
 * posted after that is refused as unreachable.
 */
final class EndpointMailbox {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointMailbox.class);
    /** Messages run before the thread is handed back, so that one busy endpoint cannot hold it. */
    private static final int BATCH = 64;

    private enum State { STOPPED, STARTED, TERMINATING, TERMINATED }

    /** A message: {@code run} when the endpoint takes messages, else {@code refuse} with the reason. */
    private record Message(Runnable run, Consumer<RpcException> refuse, boolean control) {
    }

    private final RpcEndpoint endpoint;
    private final String address;
    private final RpcThreads threads;
    private final Map<String, String> loggingContext;
    private final MainThreadValidatorUtil mainThread;
    private final Queue<Message> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final CompletableFuture<Void> termination = new CompletableFuture<>();
    /** Read and written by the messages only, which never run at the same time. */
    private State state = State.STOPPED;
    private volatile boolean terminated;

    EndpointMailbox(RpcEndpoint endpoint, String address, RpcThreads threads, Map<String, String> loggingContext) {
        this.endpoint = endpoint;
        this.address = address;
        this.threads = threads;
        this.loggingContext = Map.copyOf(loggingContext);
        this.mainThread = new MainThreadValidatorUtil(endpoint);
    }

    RpcEndpoint endpoint() {
        return endpoint;
    }

    String address() {
        return address;
    }

    /** Completes when the endpoint has stopped: exceptionally when its start or its stop failed. */
    CompletableFuture<Void> termination() {
        return termination;
    }

    /** Runs {@code work} in the endpoint's main thread once it takes messages; {@code refuse} otherwise. */
    void post(Runnable work, Consumer<RpcException> refuse) {
        enqueue(new Message(work, refuse, false));
    }

    void start() {
        control(() -> {
            switch (state) {
                case STOPPED -> {
                    state = State.STARTED;
                    try {
                        inMainThread(() -> {
                            endpoint.internalCallOnStart();
                            return null;
                        });
                    } catch (Throwable t) {
                        finish(new RpcException("Could not start RpcEndpoint " + endpoint.getEndpointId() + ".", t));
                    }
                }
                case STARTED -> { }
                default -> LOG.warn("RPC endpoint {} cannot start: it is {}", endpoint.getEndpointId(), state);
            }
        });
    }

    void stop() {
        control(() -> {
            switch (state) {
                case STARTED, STOPPED -> state = State.STOPPED;
                default -> LOG.warn("RPC endpoint {} cannot stop: it is {}", endpoint.getEndpointId(), state);
            }
        });
    }

    /** Stops the endpoint for good: its {@code onStop}, then the end of the mailbox. */
    CompletableFuture<Void> terminate() {
        control(() -> {
            switch (state) {
                case STARTED -> {
                    state = State.TERMINATING;
                    CompletableFuture<Void> stopped;
                    try {
                        stopped = inMainThread(endpoint::internalCallOnStop);
                    } catch (Throwable t) {
                        stopped = CompletableFuture.failedFuture(
                                new RpcException("Failure while stopping RpcEndpoint " + endpoint.getEndpointId() + ".", t));
                    }
                    stopped.whenComplete((ok, failed) -> control(() -> finish(failed)));
                }
                case STOPPED -> finish(null);
                default -> { }
            }
        });
        return termination;
    }

    private void control(Runnable work) {
        enqueue(new Message(work, refused -> { }, true));
    }

    private void enqueue(Message message) {
        if (terminated) {
            message.refuse().accept(unreachable());
            return;
        }
        queue.add(message);
        schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            threads.execute(this::drain);
        }
    }

    private void drain() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(RpcThreads.FLINK_CLASS_LOADER);
        try (MdcUtils.MdcCloseable mdc = MdcUtils.withContext(loggingContext)) {
            for (int i = 0; i < BATCH; i++) {
                Message message = queue.poll();
                if (message == null) {
                    break;
                }
                deliver(message);
            }
        } finally {
            thread.setContextClassLoader(previous);
            scheduled.set(false);
        }
        if (!queue.isEmpty()) {
            schedule();
        }
    }

    private void deliver(Message message) {
        if (state == State.TERMINATED) {
            message.refuse().accept(unreachable());
        } else if (message.control()) {
            try {
                message.run().run();
            } catch (RuntimeException e) {
                LOG.error("A life-cycle step of RPC endpoint {} failed.", endpoint.getEndpointId(), e);
            }
        } else if (state == State.STARTED || state == State.TERMINATING) {
            try {
                inMainThread(() -> {
                    message.run().run();
                    return null;
                });
            } catch (Throwable t) {
                LOG.error("Caught exception while executing a message in the main thread of {}.", endpoint.getEndpointId(), t);
            }
        } else {
            LOG.info("The rpc endpoint {} has not been started yet. Discarding a message until processing is started.",
                    endpoint.getClass().getName());
            message.refuse().accept(new EndpointNotStartedException(
                    "Discard message, because the rpc endpoint " + address + " has not been started yet."));
        }
    }

    private <T> T inMainThread(Callable<T> work) throws Exception {
        mainThread.enterMainThread();
        try {
            return work.call();
        } finally {
            mainThread.exitMainThread();
        }
    }

    /** Ends the mailbox: later and still queued messages are refused; the termination future completes off this thread. */
    private void finish(Throwable failure) {
        state = State.TERMINATED;
        terminated = true;
        for (Message left; (left = queue.poll()) != null; ) {
            left.refuse().accept(unreachable());
        }
        threads.execute(() -> {
            if (failure == null) {
                termination.complete(null);
            } else {
                LOG.info("The RpcEndpoint {} failed.", endpoint.getEndpointId(), failure);
                termination.completeExceptionally(failure);
            }
        });
    }

    private RpcException unreachable() {
        return new RecipientUnreachableException("in-process", address, "a message to a terminated endpoint");
    }
}
