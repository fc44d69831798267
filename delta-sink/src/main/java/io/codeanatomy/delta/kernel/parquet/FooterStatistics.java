package io.codeanatomy.delta.kernel.parquet;

import io.codeanatomy.delta.column.TableCodecs;

import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.statistics.DataFileStatistics;
import io.delta.kernel.types.StructType;

import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A data file's Delta statistics from the footer its writer just made, by the rules of Kernel's own
 * writer (which reads the footer back from the file instead): row groups merged, a column whose
 * statistics are missing in any row group left out, all-null columns with null bounds.
 */
final class FooterStatistics {
    private FooterStatistics() {
    }

    static DataFileStatistics of(ParquetMetadata footer, TableCodecs codecs, StructType schema, List<Column> statsColumns) {
        long rows = 0;
        int width = codecs.width();
        Statistics<?>[] merged = new Statistics<?>[width];
        Set<Integer> invalid = new HashSet<>();
        for (BlockMetaData block : footer.getBlocks()) {
            rows += block.getRowCount();
            List<ColumnChunkMetaData> chunks = block.getColumns();
            for (int c = 0; c < chunks.size(); c++) {
                ColumnChunkMetaData chunk = chunks.get(c);
                Statistics<?> s = chunk.getStatistics();
                // Parquet marks a column chunk with NaN as having no non-null value (PARQUET-1246).
                if (s == null || s.isEmpty() || !s.isNumNullsSet()
                        || (!s.hasNonNullValue() && s.getNumNulls() != chunk.getValueCount())) {
                    invalid.add(c);
                } else if (merged[c] == null) {
                    merged[c] = s;
                } else {
                    merge(merged[c], s);
                }
            }
        }
        Map<Column, Literal> min = new HashMap<>();
        Map<Column, Literal> max = new HashMap<>();
        Map<Column, Long> nulls = new HashMap<>();
        for (Column column : statsColumns) {
            String[] names = column.getNames();
            int c = names.length == 1 ? schema.indexOf(names[0]) : -1;
            if (c < 0 || invalid.contains(c) || merged[c] == null) {
                continue;
            }
            Statistics<?> s = merged[c];
            nulls.put(column, s.getNumNulls());
            if (s.getNumNulls() == rows) {
                Literal none = Literal.ofNull(codecs.column(c).deltaType());
                min.put(column, none);
                max.put(column, none);
            } else {
                min.put(column, codecs.column(c).statistic(s, true));
                max.put(column, codecs.column(c).statistic(s, false));
            }
        }
        return new DataFileStatistics(rows, min, max, nulls, Optional.empty());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void merge(Statistics into, Statistics other) {
        into.mergeStatistics(other); // both of one column chunk type
    }
}
