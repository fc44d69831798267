package io.codeanatomy.delta.kernel.parquet;

import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter.PlainBinaryDictionaryValuesWriter;
import org.apache.parquet.io.api.Binary;

/**
 * Parquet's dictionary writer for strings, which looks every value up by its bytes (a hash of all of
 * them, no cached hash), except that the object written last is known: the sink hands a value
 * repeated row after row over as that same object, so a run costs one lookup, not one per row.
 * The dictionary, its ids and its pages are Parquet's own.
 */
final class RepeatAwareDictionaryWriter extends PlainBinaryDictionaryValuesWriter {
    private Binary last;
    private int lastId;

    RepeatAwareDictionaryWriter(int maxDictionaryByteSize, Encoding encoding, ByteBufferAllocator allocator) {
        super(maxDictionaryByteSize, encoding, encoding, allocator);
    }

    @Override
    public void writeBytes(Binary v) {
        if (v != last) {
            // Parquet's lookup, as PlainBinaryDictionaryValuesWriter#writeBytes does it.
            int id = binaryDictionaryContent.getInt(v);
            if (id == -1) {
                id = binaryDictionaryContent.size();
                binaryDictionaryContent.put(v.copy(), id);
                dictionaryByteSize += 4L + v.length();
            }
            last = v;
            lastId = id;
        }
        encodedValues.add(lastId);
    }

    @Override
    protected void clearDictionaryContent() {
        super.clearDictionaryContent();
        last = null;
    }
}
