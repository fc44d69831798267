package io.codeanatomy.delta.kernel;

import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;

import java.util.Optional;

/** Finding the table version a transaction id produced, for a replay that finds it already committed. */
public final class TableVersions {
    private TableVersions() {
    }

    /**
     * The first version whose latest transaction for {@code appId} is at least {@code txnVersion}:
     * transaction versions of one application only grow, so a binary search over versions finds it.
     */
    public static long ofTransaction(Engine engine, String tablePath, String appId, long txnVersion) {
        Snapshot latest = TableManager.loadSnapshot(tablePath).build(engine);
        long lo = 0;
        long hi = latest.getVersion();
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            Optional<Long> txn = TableManager.loadSnapshot(tablePath).atVersion(mid).build(engine)
                    .getLatestTransactionVersion(engine, appId);
            if (txn.isPresent() && txn.get() >= txnVersion) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
