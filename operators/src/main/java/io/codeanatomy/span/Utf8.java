package io.codeanatomy.span;

/** UTF-8 decoding steps over raw bytes, tolerant of invalid input (one unit per bad byte). */
final class Utf8 {
    private Utf8() {
    }

    /** Bytes of the character starting at {@code i}: 1 to 4, or 1 for a byte that starts no valid sequence. */
    static int sequenceLength(byte[] b, int i, int end) {
        int lead = b[i] & 0xff;
        int n;
        if (lead < 0x80) {
            return 1;
        } else if (lead >= 0xC2 && lead <= 0xDF) {
            n = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            n = 3;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            n = 4;
        } else {
            return 1;
        }
        if (i + n > end) {
            return 1;
        }
        for (int k = 1; k < n; k++) {
            if ((b[i + k] & 0xC0) != 0x80) {
                return 1;
            }
        }
        int second = b[i + 1] & 0xff;
        if ((lead == 0xE0 && second < 0xA0) || (lead == 0xED && second > 0x9F)      // overlong, surrogate
                || (lead == 0xF0 && second < 0x90) || (lead == 0xF4 && second > 0x8F)) { // overlong, > U+10FFFF
            return 1;
        }
        return n;
    }

    /** How many units of {@code unit} the character of {@code width} bytes at {@code i} counts. */
    static int units(byte[] b, int i, int width, ColumnUnit unit) {
        switch (unit) {
            case UTF8_BYTES: return width;
            case UTF16_UNITS: return width == 4 ? 2 : 1;
            default: return 1;
        }
    }
}
