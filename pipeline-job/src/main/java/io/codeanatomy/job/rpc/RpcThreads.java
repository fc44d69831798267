package io.codeanatomy.job.rpc;

import org.apache.flink.util.concurrent.ScheduledExecutor;
import org.apache.flink.util.concurrent.ScheduledExecutorServiceAdapter;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of one in-process RPC service: a pool that runs the endpoints' mailboxes and completes
 * the callers' futures (never on the called endpoint's main thread, as with an actor's reply), and one
 * timer thread that only hands work to the pool. Daemon threads, named after the service.
 */
final class RpcThreads {
    /** The class loader Flink's code runs under; the messages run with it as the context class loader. */
    static final ClassLoader FLINK_CLASS_LOADER = RpcThreads.class.getClassLoader();

    private final ExecutorService pool;
    private final ScheduledThreadPoolExecutor timer;
    private final ScheduledExecutor scheduledExecutor;

    RpcThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), work -> {
            Thread thread = new Thread(work, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(FLINK_CLASS_LOADER);
            return thread;
        });
        timer = new ScheduledThreadPoolExecutor(1, work -> {
            Thread thread = new Thread(work, name + "-timer");
            thread.setDaemon(true);
            thread.setContextClassLoader(FLINK_CLASS_LOADER);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        scheduledExecutor = new ScheduledExecutorServiceAdapter(timer) {
            @Override
            public void execute(Runnable command) {
                RpcThreads.this.execute(command);
            }
        };
    }

    /** Runs {@code work} on the pool (callers' futures complete there); once the service is closed, on this thread. */
    void execute(Runnable work) {
        try {
            pool.execute(work);
        } catch (RejectedExecutionException closed) {
            work.run();
        }
    }

    /** Runs {@code work} on the pool after {@code delayMillis}; nothing once the service is closed. */
    ScheduledFuture<?> later(Runnable work, long delayMillis) {
        try {
            return timer.schedule(() -> execute(work), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            return null;
        }
    }

    /** What {@code RpcService#getScheduledExecutor} hands out: its timers on the timer thread, the rest on the pool. */
    ScheduledExecutor scheduledExecutor() {
        return scheduledExecutor;
    }

    void shutdown() {
        timer.shutdownNow();
        pool.shutdown();
    }
}
