package io.codeanatomy.delta.kernel.parquet;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Equal byte strings get one id and different ones their own, for every length around the eight-byte
 * steps of the hash and comparison (strings that differ only in their last byte, or only in length),
 * through the growth of the table; each id reads back its bytes.
 */
class ByteStringDictionaryTest {

    @Test
    void equalBytesOneIdDifferentBytesTheirOwn() {
        List<byte[]> values = new ArrayList<>();
        for (int length = 0; length <= 33; length++) {
            for (int last = 0; last < 40; last++) {
                byte[] v = "abcdefghijklmnopqrstuvwxyz0123456789".substring(0, length).getBytes(StandardCharsets.UTF_8);
                if (length > 0) {
                    v[length - 1] = (byte) ('A' + last); // differs from its neighbours only in the last byte
                }
                values.add(v);
            }
        }
        try (RootAllocator allocator = new RootAllocator(); ArrowBuf buffer = allocator.buffer(64 * 1024)) {
            ByteStringDictionary dictionary = new ByteStringDictionary();
            Map<String, Integer> expected = new HashMap<>();
            for (int round = 0; round < 3; round++) {
                long at = 0;
                for (byte[] v : values) {
                    buffer.setBytes(at, v);
                    int id = dictionary.idOf(buffer.memoryAddress() + at, v.length);
                    String key = new String(v, StandardCharsets.ISO_8859_1);
                    assertEquals(expected.computeIfAbsent(key, k -> expected.size()), id, "id of " + key);
                    assertArrayEquals(v, dictionary.value(id));
                    at += v.length + 3; // other offsets in the buffer each time
                }
            }
            assertEquals(expected.size(), dictionary.size());
            assertEquals(expected.keySet().stream().mapToLong(k -> 4 + k.length()).sum(), dictionary.byteSize());
        }
    }
}
