package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.schema.ColumnType;
import io.codeanatomy.delta.schema.TableSpec;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** RowKeys holds each row's key as TableSpec.keyOf makes it, and compares keys as Strings compare. */
class RowKeysTest {
    /** A key of two columns, as cpg_props' (entity id, property name), the second one a number here. */
    private static final TableSpec TWO_PART = TableSpec.builder("t", "")
            .required("repo", ColumnType.STRING, "").required("path", ColumnType.STRING, "")
            .required("entity", ColumnType.STRING, "").required("n", ColumnType.LONG, "")
            .primaryKey("entity", "n").build();
    private static final TableSpec ONE_PART = TableSpec.builder("t", "")
            .required("repo", ColumnType.STRING, "").required("path", ColumnType.STRING, "")
            .required("id", ColumnType.STRING, "").primaryKey("id").build();

    private final Random random = new Random(7);

    @Test
    void eachRowKeepsTheKeyTheSpecMakesOfIt() {
        RowKeys keys = new RowKeys();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            // Keys of every length up to past a page, in any characters, and numbers.
            Object[] row = {"r", "p", text(random.nextInt(i % 997 == 0 ? RowKeys.PAGE + 10 : 40)), (long) random.nextInt(1000)};
            TableSpec spec = i % 2 == 0 ? TWO_PART : ONE_PART;
            assertEquals(expected.size(), keys.append(spec, row));
            expected.add(spec.keyOf(row));
        }
        check(keys, expected);
        // Cleared, the pages serve the next rows.
        keys.clear();
        expected.clear();
        for (int i = 0; i < 5_000; i++) {
            String key = text(random.nextInt(60));
            assertEquals(i, keys.append(key));
            expected.add(key);
        }
        check(keys, expected);
    }

    private void check(RowKeys keys, List<String> expected) {
        assertEquals(expected.size(), keys.size());
        for (int i = 0; i < expected.size(); i++) {
            String key = expected.get(i);
            assertEquals(key, keys.string(i));
            assertEquals(key.length(), keys.length(i));
            if (!key.isEmpty()) {
                assertEquals(key.charAt(key.length() - 1), keys.charAt(i, key.length() - 1));
            }
            int j = random.nextInt(expected.size());
            String other = expected.get(j);
            assertEquals(Integer.signum(key.compareTo(other)), Integer.signum(keys.compare(i, j)), key + " vs " + other);
            assertEquals(key.equals(other), keys.equal(i, j));
            int shared = 0;
            while (shared < Math.min(key.length(), other.length()) && key.charAt(shared) == other.charAt(shared)) {
                shared++;
            }
            assertEquals(shared, keys.sharedPrefix(i, j, Integer.MAX_VALUE));
            assertEquals(Math.min(shared, 3), keys.sharedPrefix(i, j, 3));
        }
    }

    /** Mostly a few characters, so that keys share prefixes and repeat; some beyond Latin-1. */
    private String text(int length) {
        char[] alphabet = {'a', 'b', '0', '\u0000', '\u00ff', '\u0100', '\u4e2d'};
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return sb.toString();
    }
}
