package io.codeanatomy.bench;

import io.codeanatomy.job.WarehouseRows;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether two warehouses hold the same rows in every CPG table (compared as sorted text lines, with
 * the columns that record a warehouse's own history left out, as the determinism tests do). Prints a
 * line per table and exits 1 when any differs: the speed benchmarks run it on the tables they time.
 *
 * <p>Usage: {@code java -cp TEST_CLASS_PATH io.codeanatomy.bench.SameTables WAREHOUSE_A WAREHOUSE_B}
 */
public final class SameTables {
    private SameTables() {
    }

    public static void main(String[] args) {
        Map<String, List<String>> a = WarehouseRows.read(args[0]).canonical();
        Map<String, List<String>> b = WarehouseRows.read(args[1]).canonical();
        boolean same = a.keySet().equals(b.keySet());
        for (String table : a.keySet()) {
            List<String> x = a.get(table);
            List<String> y = b.getOrDefault(table, List.of());
            boolean equal = x.equals(y);
            same &= equal;
            System.out.printf("%-16s %10d rows %10d rows  %s%n", table, x.size(), y.size(), equal ? "same" : "DIFFERENT" + firstDifference(x, y));
        }
        System.out.println(same ? "SAME_TABLES yes" : "SAME_TABLES no");
        System.exit(same ? 0 : 1);
    }

    private static String firstDifference(List<String> x, List<String> y) {
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            if (!Objects.equals(x.get(i), y.get(i))) {
                return ": first at line " + i + ": " + abbreviate(x.get(i)) + " vs " + abbreviate(y.get(i));
            }
        }
        return ": one is a prefix of the other";
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
