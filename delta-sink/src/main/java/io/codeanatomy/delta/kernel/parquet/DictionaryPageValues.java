package io.codeanatomy.delta.kernel.parquet;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.apache.parquet.schema.PrimitiveType;

import java.io.IOException;
import java.util.Arrays;

/**
 * Page values with a dictionary, by the rules of Parquet's own writer (its
 * {@code FallbackValuesWriter} over a dictionary writer) so that a file has the encodings Kernel's
 * writer would give it: ids in first-seen order, written as a bit width and Parquet's
 * run-length/bit-packed hybrid; plain values from the first page on if the first page's ids and
 * dictionary are not smaller than its plain values, or from the page where the dictionary passes
 * {@link #MAX_DICTIONARY_BYTES} on (that page re-encoded plain, the pages before keeping the
 * dictionary as it was when they were written). A column without a dictionary is plain throughout.
 *
 * <p>Statistics of a dictionary-encoded page are taken from the distinct values the page references,
 * once each, not per row.
 */
abstract sealed class DictionaryPageValues implements PageValues permits BinaryPageValues, FixedWidthPageValues {
    private final PrimitiveType type;
    /** Whether the column may hold nulls (a required one has none: the rows were validated). */
    protected final boolean optional;
    /** Whether the current values are plain (always, or since the fallback). */
    protected boolean plain;
    protected Statistics<?> statistics;
    private boolean firstPage = true;
    /** The page's plain values (from the fallback on, or throughout without a dictionary). */
    protected byte[] plainValues = new byte[4096];
    protected int plainLength;
    /** Plain bytes of the first page's values, against which the dictionary must pay. */
    private long firstPageRawBytes;
    private int[] ids = new int[1024];
    private int idCount;
    /** Dictionary entries referenced by the finished dictionary-encoded pages. */
    private int usedDictionarySize;
    /** Per id, the last page number whose statistics have the value (page numbers start at 1). */
    private int[] pageOfId = new int[64];
    private int page = 1;

    /** The chunk's dictionary; null for a column without one. */
    private final ChunkDictionary dictionary;

    DictionaryPageValues(PrimitiveType type, ChunkDictionary dictionary) {
        this.type = type;
        this.dictionary = dictionary;
        this.optional = type.isRepetition(org.apache.parquet.schema.Type.Repetition.OPTIONAL);
        this.plain = dictionary == null;
        this.statistics = Statistics.createStats(type);
    }

    private int dictionarySize() {
        return dictionary.size();
    }

    @Override
    public final long dictionaryBytes() {
        return dictionary == null ? 0 : dictionary.byteSize();
    }

    /** Appends dictionary entry {@code id} to the plain values (its statistics are already counted). */
    abstract void appendPlain(int id);

    /** Adds dictionary entry {@code id} to the page's statistics. */
    abstract void countInStatistics(int id);

    /** Makes room for {@code bytes} more plain bytes and returns where they go. */
    protected final int reservePlain(int bytes) {
        int end = plainLength + bytes;
        if (end > plainValues.length) {
            plainValues = Arrays.copyOf(plainValues, Math.max(end, plainValues.length * 2));
        }
        int at = plainLength;
        plainLength = end;
        return at;
    }

    /** The first {@code size} dictionary entries, plain-encoded. */
    abstract BytesInput dictionaryValues(int size);

    /** Adds a present value's dictionary id to the page; {@code rawBytes} is the value's plain size. */
    protected final void addId(int id, int rawBytes) {
        if (idCount == ids.length) {
            ids = Arrays.copyOf(ids, idCount * 2);
        }
        ids[idCount++] = id;
        if (firstPage) {
            firstPageRawBytes += rawBytes;
        }
        if (id >= pageOfId.length) {
            pageOfId = Arrays.copyOf(pageOfId, Math.max(id + 1, pageOfId.length * 2));
        }
        if (pageOfId[id] != page) {
            pageOfId[id] = page;
            countInStatistics(id);
        }
    }

    /** Falls back to plain values if the dictionary has passed its limit (to be asked when it grew). */
    protected final void checkDictionarySize() {
        if (dictionaryBytes() > MAX_DICTIONARY_BYTES) {
            fallBack();
        }
    }

    /** Re-encodes the current page's ids plain; every later value is plain. */
    private void fallBack() {
        for (int i = 0; i < idCount; i++) {
            appendPlain(ids[i]);
        }
        idCount = 0;
        plain = true;
    }

    @Override
    public long pageBytes() {
        return plain ? plainLength : idCount * 4L; // ids as Parquet's dictionary writer counts them
    }

    @Override
    public Encoded finishPage() throws IOException {
        Encoded encoded = null;
        if (!plain) {
            BytesInput idBytes = encodeIds();
            if (firstPage && idBytes.size() + dictionaryBytes() >= firstPageRawBytes) {
                fallBack(); // the dictionary does not pay: no dictionary page at all
            } else {
                usedDictionarySize = dictionarySize();
                encoded = new Encoded(idBytes, Encoding.PLAIN_DICTIONARY, statistics);
            }
        }
        if (plain) {
            encoded = new Encoded(BytesInput.from(Arrays.copyOf(plainValues, plainLength)), Encoding.PLAIN, statistics);
            plainLength = 0;
        }
        idCount = 0;
        firstPage = false;
        page++;
        statistics = Statistics.createStats(type);
        return encoded;
    }

    private BytesInput encodeIds() throws IOException {
        int bitWidth = BytesUtils.getWidthFromMaxInt(dictionarySize() - 1);
        try (RunLengthBitPackingHybridEncoder encoder = new RunLengthBitPackingHybridEncoder(
                bitWidth, 64, MAX_DICTIONARY_BYTES, HeapByteBufferAllocator.getInstance())) {
            for (int i = 0; i < idCount; i++) {
                encoder.writeInt(ids[i]);
            }
            return BytesInput.copy(BytesInput.concat(BytesInput.from(new byte[] {(byte) bitWidth}), encoder.toBytes()));
        }
    }

    @Override
    public DictionaryPage dictionaryPage() {
        return usedDictionarySize == 0 ? null
                : new DictionaryPage(dictionaryValues(usedDictionarySize), usedDictionarySize, Encoding.PLAIN_DICTIONARY);
    }
}
