package io.codeanatomy.job.topology;

import io.codeanatomy.source.FileSelector;
import io.codeanatomy.source.GitChangeSource;
import io.codeanatomy.source.SourceRecord;
import io.codeanatomy.source.split.RepoSplit;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.runtime.partitioner.ForwardPartitioner;
import org.apache.flink.streaming.runtime.partitioner.KeyGroupStreamPartitioner;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The align operator can only order a path's versions if their headers reach it in the order the
 * source emitted them (it drops a version older than one it has seen, and forgets a deleted path).
 * Flink keeps order only along one channel: so from the source to the keyed align operator, the
 * changes and their headers must go forward (chained, at the source's parallelism), never round-robin.
 * A watch run found the failure this prevents: a delete that overtook the add before it, after which
 * the add brought the deleted file back.
 */
class EvidenceTopologyTest {
    @Test
    void headersGoFromTheSourceToTheAlignOperatorAlongOneChannelPerPath() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(4);
        DataStream<SourceRecord> records = env.fromSource(new GitChangeSource(List.of(RepoSplit.start("r", "/nowhere", "main",
                        null, 0, List.of())), FileSelector.defaults(), Duration.ofSeconds(1)), WatermarkStrategy.noWatermarks(),
                "source").setParallelism(1);
        EvidenceTopology.rows(records, LayerSettings.defaults()).print();
        StreamGraph graph = env.getStreamGraph();
        StreamNode source = node(graph, "Source: source");
        StreamNode changes = node(graph, "file changes");
        StreamNode headers = node(graph, "file headers");
        assertEquals(source.getParallelism(), changes.getParallelism());
        assertEquals(source.getParallelism(), headers.getParallelism());
        assertInstanceOf(ForwardPartitioner.class, only(changes.getInEdges()).getPartitioner());
        assertInstanceOf(ForwardPartitioner.class, only(headers.getInEdges()).getPartitioner());
        StreamNode align = node(graph, "align layers + build rows");
        assertInstanceOf(KeyGroupStreamPartitioner.class, align.getInEdges().stream()
                .filter(e -> e.getSourceId() == headers.getId()).findFirst().orElseThrow().getPartitioner());
    }

    private static StreamNode node(StreamGraph graph, String name) {
        return graph.getStreamNodes().stream().filter(n -> n.getOperatorName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no operator named " + name + " in "
                        + graph.getStreamNodes().stream().map(StreamNode::getOperatorName).toList()));
    }

    private static StreamEdge only(List<StreamEdge> edges) {
        assertEquals(1, edges.size(), edges.toString());
        return edges.get(0);
    }
}
