package io.codeanatomy.delta.kernel.parquet;

import io.codeanatomy.delta.kernel.arrow.ArrowBatch;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.schema.PrimitiveType;

import java.io.IOException;

/**
 * The values of one column chunk, encoded a page at a time, column by column: a batch's rows of the
 * column go in with one call, in one loop over one vector, instead of one call per value through
 * Parquet's column writers. One implementation per Parquet physical type; nulls are the
 * {@link ColumnChunkWriter}'s (definition levels), the values here are the present ones only.
 */
sealed interface PageValues permits DictionaryPageValues, BooleanPageValues {
    /** Parquet's bound on a column chunk's dictionary: past it, the chunk's later values are plain. */
    int MAX_DICTIONARY_BYTES = org.apache.parquet.column.ParquetProperties.DEFAULT_DICTIONARY_PAGE_SIZE;

    /** The values of the page just finished: their bytes (uncompressed), encoding and statistics (no nulls counted). */
    record Encoded(BytesInput bytes, Encoding encoding, Statistics<?> statistics) {
    }

    /** Encodes the batch's rows {@code [from, to)} of column {@code column} that are not null. */
    void add(ArrowBatch batch, int column, int from, int to);

    /** Bytes of the current page's values as they stand (Parquet's measure for cutting pages). */
    long pageBytes();

    /** Ends the current page and returns its values; the next page starts empty. */
    Encoded finishPage() throws IOException;

    /** The dictionary page of the values the finished pages reference (uncompressed), or null when none does. */
    DictionaryPage dictionaryPage() throws IOException;

    /** Bytes held for the dictionary page so far (part of the file's size until it is written). */
    long dictionaryBytes();

    /**
     * The encoder for a column of physical type {@code type}: with a dictionary (falling back to plain
     * values as Parquet's writer does) where {@code dictionary} allows it and the type has one in
     * Parquet's writer (all but booleans).
     */
    static PageValues of(PrimitiveType type, boolean dictionary) {
        return switch (type.getPrimitiveTypeName()) {
            case BINARY -> new BinaryPageValues(type, dictionary);
            case INT32 -> new FixedWidthPageValues(type, dictionary, 4);
            case INT64, DOUBLE -> new FixedWidthPageValues(type, dictionary, 8);
            case BOOLEAN -> new BooleanPageValues(type);
            default -> throw new IllegalArgumentException("no page encoder for Parquet type " + type);
        };
    }
}
