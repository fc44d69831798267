package io.codeanatomy.delta.column;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Strings in the record and checkpoint encodings (rows, keys, statistics): an int length, then
 * UTF-8 bytes. Unlike {@code writeUTF} it has no 64 KB limit and encodes lone surrogates
 * deterministically.
 */
public final class LengthPrefixedUtf8 {
    private LengthPrefixedUtf8() {
    }

    public static void write(DataOutput out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    public static String read(DataInput in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
