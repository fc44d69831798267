package io.codeanatomy.delta.sink;

import io.codeanatomy.delta.record.OwnedRows;

import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessageTypeInfo;
import org.apache.flink.streaming.api.connector.sink2.SupportsPreCommitTopology;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Flink Sink V2 writing owner-replaced rows to Delta tables, exactly once.
 *
 * <p>Writers stage Parquet files; a parallelism-1 aggregator merges each checkpoint's results; the
 * committer (all input routed to one subtask) commits one transaction per table per checkpoint.
 */
public final class DeltaSink implements Sink<OwnedRows>, SupportsCommitter<DeltaCommittable>,
        SupportsPreCommitTopology<TableWrites, DeltaCommittable> {
    private static final long serialVersionUID = 1L;

    private final DeltaSinkConfig config;

    public DeltaSink(DeltaSinkConfig config) {
        this.config = config;
    }

    public DeltaSinkConfig config() {
        return config;
    }

    @Override
    public SinkWriter<OwnedRows> createWriter(WriterInitContext context) {
        return new DeltaSinkWriter(config, context.metricGroup());
    }

    @Override
    public Committer<DeltaCommittable> createCommitter(CommitterInitContext context) {
        return new DeltaCommitter(config, context.metricGroup());
    }

    @Override
    public SimpleVersionedSerializer<DeltaCommittable> getCommittableSerializer() {
        return new DeltaCommittableSerializer();
    }

    @Override
    public SimpleVersionedSerializer<TableWrites> getWriteResultSerializer() {
        return new TableWritesSerializer();
    }

    @Override
    public DataStream<CommittableMessage<DeltaCommittable>> addPreCommitTopology(
            DataStream<CommittableMessage<TableWrites>> writeResults) {
        return writeResults
                .global()
                .transform("delta-commit-aggregator",
                        CommittableMessageTypeInfo.of(DeltaCommittableSerializer::new),
                        new WriteAggregator(config.applicationId(), config.faults()))
                .uid("delta-commit-aggregator")
                .setParallelism(1)
                .setMaxParallelism(1)
                // Every committable reaches committer subtask 0: one committer per table, in order.
                .global();
    }
}
