package io.codeanatomy.job.rpc;

import org.apache.flink.runtime.rpc.FencedRpcEndpoint;
import org.apache.flink.runtime.rpc.FencedRpcGateway;
import org.apache.flink.runtime.rpc.RpcEndpoint;
import org.apache.flink.runtime.rpc.RpcGateway;
import org.apache.flink.runtime.rpc.RpcService;
import org.apache.flink.runtime.rpc.RpcTimeout;
import org.apache.flink.runtime.rpc.exceptions.EndpointNotStartedException;
import org.apache.flink.runtime.rpc.exceptions.FencingTokenException;
import org.apache.flink.runtime.rpc.exceptions.HandshakeException;
import org.apache.flink.runtime.rpc.exceptions.RecipientUnreachableException;
import org.apache.flink.runtime.rpc.exceptions.RpcConnectionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flink's RPC contract, as its endpoints rely on it, kept by the in-process service. */
class InProcessRpcServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    interface CounterGateway extends RpcGateway {
        void bump();

        CompletableFuture<Integer> add(int amount);

        int count();

        CompletableFuture<String> never(@RpcTimeout Duration timeout);

        CompletableFuture<Long> later(long delayMillis);
    }

    /** Counts without synchronization, and notes any two messages that ran at the same time. */
    static final class Counter extends RpcEndpoint implements CounterGateway {
        private final AtomicInteger inside = new AtomicInteger();
        final AtomicBoolean overlapped = new AtomicBoolean();
        final AtomicBoolean stopped = new AtomicBoolean();
        private int count;

        Counter(RpcService service, String id) {
            super(service, id);
        }

        private void enter() {
            validateRunsInMainThread();
            if (inside.incrementAndGet() != 1) {
                overlapped.set(true);
            }
        }

        private void exit() {
            inside.decrementAndGet();
        }

        @Override
        public void bump() {
            enter();
            int seen = count;
            Thread.onSpinWait();
            count = seen + 1;
            exit();
        }

        @Override
        public CompletableFuture<Integer> add(int amount) {
            enter();
            count += amount;
            exit();
            return CompletableFuture.completedFuture(count);
        }

        @Override
        public int count() {
            validateRunsInMainThread();
            return count;
        }

        @Override
        public CompletableFuture<String> never(Duration timeout) {
            return new CompletableFuture<>();
        }

        @Override
        public CompletableFuture<Long> later(long delayMillis) {
            CompletableFuture<Long> ran = new CompletableFuture<>();
            long posted = System.nanoTime();
            scheduleRunAsync(() -> {
                validateRunsInMainThread();
                ran.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - posted));
            }, delayMillis, TimeUnit.MILLISECONDS);
            return ran;
        }

        @Override
        protected CompletableFuture<Void> onStop() {
            validateRunsInMainThread();
            stopped.set(true);
            return CompletableFuture.completedFuture(null);
        }
    }

    interface GreeterGateway extends FencedRpcGateway<UUID> {
        CompletableFuture<String> hello();
    }

    static final class Greeter extends FencedRpcEndpoint<UUID> implements GreeterGateway {
        Greeter(RpcService service, UUID token) {
            super(service, "greeter-" + token, token);
        }

        @Override
        public CompletableFuture<String> hello() {
            validateRunsInMainThread();
            return CompletableFuture.completedFuture("hello");
        }
    }

    private RpcService service;

    @BeforeEach
    void startService() {
        service = new InProcessRpcService("test", WAIT);
    }

    @AfterEach
    void closeService() throws Exception {
        service.closeAsync().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static Throwable failure(CompletableFuture<?> future) {
        ExecutionException failed = assertThrows(ExecutionException.class, () -> get(future));
        return failed.getCause();
    }

    @Test
    void mainThreadChecksAreOnInTheseTests() {
        assertTrue(RpcEndpoint.class.desiredAssertionStatus(), "run with -ea: validateRunsInMainThread is an assert");
    }

    @Test
    void callsFromManyThreadsRunOneAtATimeInTheEndpointsMainThread() throws Exception {
        Counter counter = new Counter(service, "counter");
        counter.start();
        CounterGateway gateway = get(service.connect(counter.getAddress(), CounterGateway.class));
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread caller = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    gateway.bump();
                }
            });
            callers.add(caller);
            caller.start();
        }
        for (Thread caller : callers) {
            caller.join();
        }
        assertEquals(4_001, get(gateway.add(1)), "every message applied once, in the order each caller sent them");
        assertEquals(4_001, gateway.count());
        assertEquals(false, counter.overlapped.get(), "two messages ran at the same time");
    }

    @Test
    void anEndpointNotYetStartedRefusesCallsAndTakesThemOnceStarted() throws Exception {
        Counter counter = new Counter(service, "late");
        CounterGateway gateway = get(service.connect(counter.getAddress(), CounterGateway.class));
        assertInstanceOf(EndpointNotStartedException.class, failure(gateway.add(1)));
        counter.start();
        assertEquals(2, get(gateway.add(2)));
    }

    @Test
    void anUnansweredCallFailsWithATimeoutAfterItsRpcTimeout() {
        Counter counter = new Counter(service, "slow");
        counter.start();
        CounterGateway self = counter.getSelfGateway(CounterGateway.class);
        assertInstanceOf(TimeoutException.class, failure(self.never(Duration.ofMillis(50))));
    }

    @Test
    void aScheduledRunnableRunsInTheMainThreadAfterItsDelay() throws Exception {
        Counter counter = new Counter(service, "scheduler");
        counter.start();
        long waited = get(counter.getSelfGateway(CounterGateway.class).later(100));
        assertTrue(waited >= 100, "ran after " + waited + " ms");
    }

    @Test
    void fencedEndpointsTakeOnlyCallsWithTheirToken() throws Exception {
        UUID token = UUID.randomUUID();
        Greeter greeter = new Greeter(service, token);
        greeter.start();
        GreeterGateway right = get(service.connect(greeter.getAddress(), token, GreeterGateway.class));
        assertEquals("hello", get(right.hello()));
        assertEquals(token, right.getFencingToken());
        GreeterGateway wrong = get(service.connect(greeter.getAddress(), UUID.randomUUID(), GreeterGateway.class));
        assertInstanceOf(FencingTokenException.class, failure(wrong.hello()));
    }

    @Test
    void connectingFailsForAnUnknownAddressOrAGatewayTheEndpointDoesNotImplement() {
        assertInstanceOf(RpcConnectionException.class,
                failure(service.connect(InProcessRpcService.SCHEME + "nowhere/none", CounterGateway.class)));
        Counter counter = new Counter(service, "typed");
        counter.start();
        assertInstanceOf(HandshakeException.class, failure(service.connect(counter.getAddress(), UUID.randomUUID(),
                GreeterGateway.class)));
    }

    @Test
    void closingTheServiceStopsItsEndpointsAndLaterCallsAreUnreachable() throws Exception {
        Counter counter = new Counter(service, "closing");
        counter.start();
        CounterGateway gateway = get(service.connect(counter.getAddress(), CounterGateway.class));
        get(service.closeAsync());
        assertTrue(counter.stopped.get(), "onStop ran");
        assertTrue(counter.getTerminationFuture().isDone());
        assertInstanceOf(RecipientUnreachableException.class, failure(gateway.add(1)));
    }

    @Test
    void endpointsOfOneServiceReachThoseOfAnother() throws Exception {
        RpcService other = new InProcessRpcService("other", WAIT);
        try {
            Counter counter = new Counter(other, "elsewhere");
            counter.start();
            assertEquals(5, get(get(service.connect(counter.getAddress(), CounterGateway.class)).add(5)));
        } finally {
            get(other.closeAsync());
        }
    }
}
