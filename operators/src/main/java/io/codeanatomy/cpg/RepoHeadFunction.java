package io.codeanatomy.cpg;

import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.source.CommitMarker;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by repository: turns each commit marker into the repository's {@code repo_heads} row. Keying
 * sends every marker of a repository through one subtask (so one sink writer sees them in order), and a
 * marker older than one already emitted (a replay) is dropped.
 */
public final class RepoHeadFunction extends KeyedProcessFunction<String, CommitMarker, OwnedRows> {
    private static final long serialVersionUID = 1L;

    private transient ValueState<Long> emitted;

    @Override
    public void open(OpenContext context) {
        emitted = getRuntimeContext().getState(new ValueStateDescriptor<>("emitted-commit-version", Types.LONG));
    }

    @Override
    public void processElement(CommitMarker marker, Context ctx, Collector<OwnedRows> out) throws Exception {
        Long done = emitted.value();
        if (done != null && marker.version <= done) {
            return;
        }
        out.collect(RepoHeadRows.of(marker));
        emitted.update(marker.version);
    }
}
