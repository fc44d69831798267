package io.codeanatomy.span;

/** UTF-8 decoding steps over raw bytes, tolerant of invalid input (one unit per maximal invalid subpart). */
final class Utf8 {
    private Utf8() {
    }

    /**
     * Bytes of the character starting at {@code i}: 1 to 4 for a valid one; for invalid input, the
     * maximal subpart (a lead byte and the continuation bytes that could still have completed it, 1 to
     * 3 bytes), which Unicode's recommended practice, Java's decoder and CPython's all replace with one
     * U+FFFD.
     */
    static int sequenceLength(byte[] b, int i, int end) {
        int lead = b[i] & 0xff;
        int n;
        int lo = 0x80;
        int hi = 0xBF;
        if (lead < 0x80) {
            return 1;
        } else if (lead >= 0xC2 && lead <= 0xDF) {
            n = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            n = 3;
            lo = lead == 0xE0 ? 0xA0 : lo; // overlong
            hi = lead == 0xED ? 0x9F : hi; // surrogates
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            n = 4;
            lo = lead == 0xF0 ? 0x90 : lo; // overlong
            hi = lead == 0xF4 ? 0x8F : hi; // above U+10FFFF
        } else {
            return 1;
        }
        int k = 1;
        while (k < n && i + k < end) {
            int c = b[i + k] & 0xff;
            if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xBF)) {
                break;
            }
            k++;
        }
        return k;
    }

    /** How many units of {@code unit} the character of {@code width} bytes at {@code i} counts. */
    static int units(byte[] b, int i, int width, ColumnUnit unit) {
        // Only a valid sequence is 4 bytes long (an invalid subpart is at most 3): a surrogate pair.
        return switch (unit) {
            case UTF8_BYTES -> width;
            case UTF16_UNITS -> width == 4 ? 2 : 1;
            default -> 1;
        };
    }
}
