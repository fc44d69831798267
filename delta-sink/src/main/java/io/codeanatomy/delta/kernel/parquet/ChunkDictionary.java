package io.codeanatomy.delta.kernel.parquet;

/** A column chunk's dictionary, as {@link DictionaryPageValues} measures it. */
sealed interface ChunkDictionary permits ByteStringDictionary, LongDictionary {
    /** Entries, numbered from 0 in first-seen order. */
    int size();

    /** What a dictionary page of every entry holds in bytes, as Parquet counts it. */
    long byteSize();
}
