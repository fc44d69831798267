package io.codeanatomy.delta.maintenance;

import java.io.Serializable;
import java.time.Duration;

/**
 * When the sink maintains its tables by itself: every {@code compactEvery} checkpoint commits it
 * compacts tables with at least {@code minSmallFiles} files under {@code smallFileBytes}; every
 * {@code vacuumEvery} commits it deletes files unreferenced for longer than {@code retention}.
 * Zero disables a task.
 */
public final class MaintenancePolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    public final int compactEvery;
    public final long smallFileBytes;
    public final int minSmallFiles;
    public final int vacuumEvery;
    public final Duration retention;

    public MaintenancePolicy(int compactEvery, long smallFileBytes, int minSmallFiles, int vacuumEvery, Duration retention) {
        if (compactEvery < 0 || vacuumEvery < 0 || smallFileBytes < 1 || minSmallFiles < 2) {
            throw new IllegalArgumentException("maintenance policy: intervals >= 0, smallFileBytes >= 1, minSmallFiles >= 2");
        }
        this.compactEvery = compactEvery;
        this.smallFileBytes = smallFileBytes;
        this.minSmallFiles = minSmallFiles;
        this.vacuumEvery = vacuumEvery;
        this.retention = Vacuum.checkRetention(retention, false);
    }

    /** Compact every 20 commits once 16 files are under 8 MB; vacuum every 200 commits with Delta's 7-day retention. */
    public static MaintenancePolicy defaults() {
        return new MaintenancePolicy(20, 8L * 1024 * 1024, 16, 200, Duration.ofDays(7));
    }

    public static MaintenancePolicy disabled() {
        return new MaintenancePolicy(0, 8L * 1024 * 1024, 16, 0, Duration.ofDays(7));
    }
}
