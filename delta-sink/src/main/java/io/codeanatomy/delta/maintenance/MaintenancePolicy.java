package io.codeanatomy.delta.maintenance;

import java.io.Serializable;
import java.time.Duration;

/**
 * When the sink maintains its tables by itself: every {@code compactEvery} checkpoint commits it
 * compacts every table back into its {@link io.codeanatomy.delta.kernel.FileLayout}, leaving alone
 * files of one owner younger than {@code hotAge} (a live watch's fresh replacements); every
 * {@code vacuumEvery} commits it deletes files unreferenced for longer than {@code retention}.
 * Zero disables a task.
 */
public final class MaintenancePolicy implements Serializable {
    private static final long serialVersionUID = 2L;

    public final int compactEvery;
    public final Duration hotAge;
    public final int vacuumEvery;
    public final Duration retention;

    public MaintenancePolicy(int compactEvery, Duration hotAge, int vacuumEvery, Duration retention) {
        if (compactEvery < 0 || vacuumEvery < 0 || hotAge.isNegative()) {
            throw new IllegalArgumentException("maintenance policy: intervals >= 0, hotAge >= 0");
        }
        this.compactEvery = compactEvery;
        this.hotAge = hotAge;
        this.vacuumEvery = vacuumEvery;
        this.retention = Vacuum.checkRetention(retention, false);
    }

    /** Compact every 20 commits, sparing one-owner files of the last 10 minutes; vacuum every 200 commits with Delta's 7-day retention. */
    public static MaintenancePolicy defaults() {
        return new MaintenancePolicy(20, DEFAULT_HOT_AGE, 200, Duration.ofDays(7));
    }

    public static MaintenancePolicy disabled() {
        return new MaintenancePolicy(0, DEFAULT_HOT_AGE, 0, Duration.ofDays(7));
    }

    /** How long a file holding one freshly replaced owner is spared by compaction. */
    public static final Duration DEFAULT_HOT_AGE = Duration.ofMinutes(10);
}
