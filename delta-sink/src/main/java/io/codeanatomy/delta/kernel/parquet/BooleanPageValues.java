package io.codeanatomy.delta.kernel.parquet;

import io.codeanatomy.delta.kernel.arrow.ArrowBatch;

import org.apache.arrow.vector.BitVector;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.statistics.BooleanStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.schema.PrimitiveType;

import java.util.Arrays;

/** Booleans as Parquet's plain {@code BOOLEAN} pages (one bit a value, first value in the lowest bit), no dictionary, as Parquet writes them. */
final class BooleanPageValues implements PageValues {
    private final PrimitiveType type;
    private final boolean optional;
    private BooleanStatistics statistics;
    private byte[] bits = new byte[512];
    private int count;

    BooleanPageValues(PrimitiveType type) {
        this.type = type;
        this.optional = type.isRepetition(org.apache.parquet.schema.Type.Repetition.OPTIONAL);
        this.statistics = (BooleanStatistics) Statistics.createStats(type);
    }

    @Override
    public void add(ArrowBatch batch, int column, int from, int to) {
        BitVector vector = (BitVector) batch.vector(column);
        for (int i = from; i < to; i++) {
            int row = batch.row(i);
            if (optional && vector.isNull(row)) {
                continue;
            }
            boolean value = vector.get(row) != 0;
            if (count >> 3 == bits.length) {
                bits = Arrays.copyOf(bits, bits.length * 2);
            }
            if (value) {
                bits[count >> 3] |= (byte) (1 << (count & 7));
            }
            count++;
            statistics.updateStats(value);
        }
    }

    @Override
    public long pageBytes() {
        return (count + 7) >> 3;
    }

    @Override
    public Encoded finishPage() {
        Encoded encoded = new Encoded(BytesInput.from(Arrays.copyOf(bits, (count + 7) >> 3)), Encoding.PLAIN, statistics);
        Arrays.fill(bits, 0, (count + 7) >> 3, (byte) 0);
        count = 0;
        statistics = (BooleanStatistics) Statistics.createStats(type);
        return encoded;
    }

    @Override
    public DictionaryPage dictionaryPage() {
        return null;
    }

    @Override
    public long dictionaryBytes() {
        return 0;
    }
}
