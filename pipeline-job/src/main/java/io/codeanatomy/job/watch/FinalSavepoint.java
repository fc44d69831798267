package io.codeanatomy.job.watch;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.CheckpointException;
import org.apache.flink.runtime.checkpoint.CheckpointFailureReason;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Stop-with-savepoint for the watch command. A stop that comes while the job's tasks are still being
 * deployed (Ctrl-C right after the start) is refused by Flink ("not all required tasks are currently
 * running"); that is retried until the tasks run, so the command still ends after a final commit.
 */
final class FinalSavepoint {
    private static final long RETRY_MILLIS = 500;

    private FinalSavepoint() {
    }

    static String take(JobClient job, String directory, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            try {
                return job.stopWithSavepoint(false, directory, SavepointFormatType.CANONICAL).get(left, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!tasksNotYetRunning(e) || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_MILLIS) > deadline) {
                    throw e;
                }
                Thread.sleep(RETRY_MILLIS);
            }
        }
    }

    static boolean tasksNotYetRunning(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CheckpointException c
                    && c.getCheckpointFailureReason() == CheckpointFailureReason.NOT_ALL_REQUIRED_TASKS_RUNNING) {
                return true;
            }
        }
        return false;
    }
}
