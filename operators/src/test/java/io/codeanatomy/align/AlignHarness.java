package io.codeanatomy.align;

import io.codeanatomy.evidence.EvidenceLayer;
import io.codeanatomy.evidence.FileEvidence;
import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.lang.LanguageFrontends;
import io.codeanatomy.schema.CpgSchema;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

/**
 * The align operator with every layer running (Python frontend), under Flink's keyed operator harness:
 * real keyed state, timers and snapshots; optionally restored from a snapshot.
 */
public class AlignHarness implements AutoCloseable {
    public final KeyedOneInputStreamOperatorTestHarness<String, FileEvidence, OwnedRows> harness;

    public AlignHarness(long timeoutMillis, long startTime, OperatorSubtaskState restoreFrom) throws Exception {
        FileVersionAlignFunction fn = new FileVersionAlignFunction(LanguageFrontends.all(),
                EnumSet.of(EvidenceLayer.CST, EvidenceLayer.CPYTHON), Duration.ofMillis(timeoutMillis));
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(fn), FileEvidence::fileKey,
                Types.STRING);
        harness.setProcessingTime(startTime);
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
    }

    public void send(FileEvidence... evidence) throws Exception {
        for (FileEvidence e : evidence) {
            harness.processElement(e, 0);
        }
    }

    public List<OwnedRows> output() {
        return harness.extractOutputValues();
    }

    /** Every row of every table, as sorted text. */
    public static List<String> rows(OwnedRows rows) {
        List<String> out = new ArrayList<>();
        for (int t = 0; t < CpgSchema.TABLES.size(); t++) {
            for (Object[] r : rows.rows(t)) {
                out.add(CpgSchema.TABLES.get(t).name() + Arrays.toString(r));
            }
        }
        out.sort(String::compareTo);
        return out;
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
