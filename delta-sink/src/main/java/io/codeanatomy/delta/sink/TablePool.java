package io.codeanatomy.delta.sink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** The committer's threads for committing several tables of one checkpoint side by side. */
final class TablePool implements AutoCloseable {
    private final ExecutorService threads;

    /** At most one thread per core, and no more than {@code tables}. */
    TablePool(int tables) {
        int size = Math.max(1, Math.min(tables, Runtime.getRuntime().availableProcessors()));
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(size, task -> {
            Thread thread = new Thread(task, "delta-table-commit-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    <T> Future<T> submit(Callable<T> task) {
        return threads.submit(task);
    }

    /**
     * Every result, in submission order, once all have finished: a failure is thrown only when no
     * table is still being committed, the first in submission order, with the others suppressed.
     */
    static <T> List<T> joinInOrder(List<Future<T>> futures) throws IOException {
        List<T> results = new ArrayList<>();
        Throwable first = null;
        for (Future<T> future : futures) {
            try {
                results.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                first = addTo(first, e);
            } catch (ExecutionException e) {
                first = addTo(first, e.getCause());
            }
        }
        if (first instanceof IOException io) {
            throw io;
        }
        if (first instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (first instanceof Error error) {
            throw error;
        }
        if (first != null) {
            throw new IOException(first);
        }
        return results;
    }

    private static Throwable addTo(Throwable first, Throwable next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
