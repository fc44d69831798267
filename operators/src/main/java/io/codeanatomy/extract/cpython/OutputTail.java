package io.codeanatomy.extract.cpython;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The last bytes a process wrote to a stream, drained by a daemon thread: a dying helper's last words
 * (a traceback, "Fatal Python error") for its error message, in bounded memory however much it wrote.
 */
final class OutputTail {
    private final byte[] ring;
    private final Thread drainer;
    private long written;

    private OutputTail(InputStream in, int capacity, String threadName) {
        this.ring = new byte[capacity];
        this.drainer = new Thread(() -> drain(in), threadName);
        drainer.setDaemon(true);
        drainer.start();
    }

    static OutputTail of(InputStream in, int capacity, String threadName) {
        return new OutputTail(in, capacity, threadName);
    }

    private void drain(InputStream in) {
        byte[] chunk = new byte[1024];
        try (in) {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                append(chunk, n);
            }
        } catch (IOException closed) {
            // the process is gone; what was read is the tail
        }
    }

    private synchronized void append(byte[] chunk, int n) {
        for (int i = 0; i < n; i++) {
            ring[(int) (written++ % ring.length)] = chunk[i];
        }
    }

    /** Waits up to {@code millis} for the stream to end, so a process that just exited has said everything. */
    void awaitEnd(long millis) {
        try {
            drainer.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The tail as text, trimmed; a character cut at the start decodes as a replacement character. */
    synchronized String text() {
        int size = (int) Math.min(written, ring.length);
        byte[] out = new byte[size];
        int start = (int) ((written - size) % ring.length);
        for (int i = 0; i < size; i++) {
            out[i] = ring[(start + i) % ring.length];
        }
        return new String(out, StandardCharsets.UTF_8).trim();
    }
}
