package io.codeanatomy.delta.kernel;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** KeySort gives exactly the comparator order (key, then row) on keys shaped like the tables'. */
class KeySortTest {
    private final Random random = new Random(42);

    @Test
    void idsOfOneFileSortAsStrings() {
        // A file's ids: a shared 16-digit prefix, then 16 random hex digits (CpgIds).
        String file = hex(16);
        check(keys(5_000, () -> file + hex(16)));
    }

    @Test
    void propertyKeysTieOnTheirEntityAndSortByTheirName() {
        // cpg_props: entity id NUL property name, several names per entity.
        String file = hex(16);
        String[] names = {"annotation", "value_call", "value_alias", "access", "decorators"};
        List<String> entities = new ArrayList<>();
        for (int i = 0; i < 800; i++) {
            entities.add(file + hex(16));
        }
        check(keys(3_000, () -> entities.get(random.nextInt(entities.size())) + "\u0000"
                + names[random.nextInt(names.length)]));
    }

    @Test
    void keysOfAnyLengthAndCharacterSortAsStrings() {
        // Short keys, prefixes of each other, NULs, characters above 255, repeated keys.
        char[] alphabet = {'\u0000', 'a', 'b', '\u00ff', '\u0100', '\u4e2d', 'z'};
        check(keys(4_000, () -> {
            StringBuilder sb = new StringBuilder("src/");
            int length = random.nextInt(8);
            for (int i = 0; i < length; i++) {
                sb.append(alphabet[random.nextInt(alphabet.length)]);
            }
            return sb.toString();
        }));
    }

    @Test
    void fewRowsAndNoSharedPrefix() {
        check(keys(10, () -> hex(3)));
        check(keys(40, () -> hex(1 + random.nextInt(5))));
    }

    private void check(String[] keys) {
        // Rows given in increasing order, and not all of them: every third row is left out.
        int[] rows = new int[keys.length];
        int count = 0;
        for (int i = 0; i < keys.length; i++) {
            if (i % 3 != 1) {
                rows[count++] = i;
            }
        }
        Integer[] expected = new Integer[count];
        for (int j = 0; j < count; j++) {
            expected[j] = rows[j];
        }
        Arrays.sort(expected, Comparator.<Integer, String>comparing(i -> keys[i]).thenComparing(i -> i));
        RowKeys held = new RowKeys();
        for (String key : keys) {
            held.append(key);
        }
        new KeySort().sort(rows, count, held);
        assertArrayEquals(Arrays.stream(expected).mapToInt(Integer::intValue).toArray(), Arrays.copyOf(rows, count));
    }

    private String[] keys(int n, java.util.function.Supplier<String> key) {
        String[] keys = new String[n];
        for (int i = 0; i < n; i++) {
            keys[i] = key.get();
        }
        return keys;
    }

    private String hex(int digits) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < digits; i++) {
            sb.append("0123456789abcdef".charAt(random.nextInt(16)));
        }
        return sb.toString();
    }
}
