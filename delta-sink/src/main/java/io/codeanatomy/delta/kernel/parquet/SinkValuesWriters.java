package io.codeanatomy.delta.kernel.parquet;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter.PlainBinaryDictionaryValuesWriter;
import org.apache.parquet.column.values.factory.DefaultValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.column.values.fallback.FallbackValuesWriter;

/**
 * Parquet's default values writers, but a {@link StringDictionaryWriter} where Parquet would
 * put its own string dictionary writer: same encodings, same fallback to plain values.
 */
final class SinkValuesWriters implements ValuesWriterFactory {
    private final ValuesWriterFactory defaults = new DefaultValuesWriterFactory();
    private ParquetProperties properties;

    @Override
    public void initialize(ParquetProperties properties) {
        this.properties = properties;
        defaults.initialize(properties);
    }

    @Override
    public ValuesWriter newValuesWriter(ColumnDescriptor descriptor) {
        ValuesWriter writer = defaults.newValuesWriter(descriptor);
        if (writer instanceof FallbackValuesWriter<?, ?> fallback
                && fallback.initialWriter instanceof PlainBinaryDictionaryValuesWriter dictionary) {
            Encoding encoding = dictionary.getEncoding();
            if (encoding != Encoding.PLAIN_DICTIONARY) {
                // the data and dictionary pages of Parquet 1.0 files (our writer version) share the encoding
                throw new IllegalStateException("unexpected dictionary encoding " + encoding + " for " + descriptor);
            }
            dictionary.close();
            return FallbackValuesWriter.of(new StringDictionaryWriter(
                    properties.getDictionaryPageSizeThreshold(), encoding, properties.getAllocator()), fallback.fallBackWriter);
        }
        return writer;
    }
}
