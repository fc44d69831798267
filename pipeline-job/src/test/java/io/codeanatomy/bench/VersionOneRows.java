package io.codeanatomy.bench;

import io.codeanatomy.delta.column.LengthPrefixedUtf8;
import io.codeanatomy.delta.column.TableCodecs;
import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.delta.record.Owner;
import io.codeanatomy.schema.CpgSchema;

import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * The rows serializer's version 1 encoding (every present value written in full), kept as the
 * baseline {@link StageCostBenchmark} measures version 2 against in the same run. The current
 * serializer still reads it.
 */
final class VersionOneRows {
    private VersionOneRows() {
    }

    static void serialize(OwnedRows record, DataOutputView out) throws IOException {
        owner(record.owner(), out);
        out.writeByte(record.op().ordinal());
        out.writeInt(record.released().size());
        for (Owner o : record.released()) {
            owner(o, out);
        }
        for (int t = 0; t < CpgSchema.TABLES.size(); t++) {
            TableCodecs codecs = TableCodecs.of(CpgSchema.TABLES.tables().get(t));
            out.writeInt(record.rows(t).size());
            for (Object[] row : record.rows(t)) {
                for (int c = 0; c < codecs.width(); c++) {
                    out.writeBoolean(row[c] != null);
                    if (row[c] != null) {
                        codecs.column(c).write(row[c], out);
                    }
                }
            }
            out.writeInt(record.deletedKeys(t).size());
            for (String key : record.deletedKeys(t)) {
                LengthPrefixedUtf8.write(out, key);
            }
        }
    }

    private static void owner(Owner owner, DataOutputView out) throws IOException {
        LengthPrefixedUtf8.write(out, owner.repo());
        LengthPrefixedUtf8.write(out, owner.path());
    }
}
