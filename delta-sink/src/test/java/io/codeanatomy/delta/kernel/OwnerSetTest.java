package io.codeanatomy.delta.kernel;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** OwnerSet orders paths as Parquet's statistics do: by their UTF-8 bytes, whatever the characters. */
class OwnerSetTest {
    @Test
    void ordersStringsAsTheirUtf8Bytes() {
        // ASCII, Latin-1, the BMP on both sides of the surrogates (U+E000..U+FFFF sorts after them in
        // UTF-16 but before them in UTF-8), and supplementary characters, in strings that share prefixes.
        String[] pieces = {"", "a", "b", "/", "\u0000", "\u00e9", "\u4e2d", "\ud7ff", "\ue000", "\uffff",
                "\ud83d\ude00", "\ud800\udc00", "\udbff\udfff"};
        Random random = new Random(7);
        for (int i = 0; i < 50_000; i++) {
            String a = string(random, pieces);
            String b = random.nextInt(4) == 0 ? a + string(random, pieces) : string(random, pieces);
            int expected = Integer.signum(Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
            assertEquals(expected, Integer.signum(OwnerSet.compareUtf8(a, b)), () -> escape(a) + " vs " + escape(b));
        }
    }

    private static String string(Random random, String[] pieces) {
        StringBuilder s = new StringBuilder();
        for (int n = random.nextInt(5); n > 0; n--) {
            s.append(pieces[random.nextInt(pieces.length)]);
        }
        return s.toString();
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        s.chars().forEach(c -> out.append(String.format("\\u%04x", c)));
        return out.toString();
    }
}
