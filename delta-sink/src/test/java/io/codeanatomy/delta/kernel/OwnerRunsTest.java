package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.kernel.arrow.ArrowBatch;
import io.codeanatomy.delta.kernel.arrow.ArrowRows;
import io.codeanatomy.delta.schema.AllColumnTypes;
import io.codeanatomy.delta.schema.TableSpec;

import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The cut of owner-sorted rows into files follows the layout owner by owner, wherever the batches
 * that bring the rows end: an owner whose rows go on into the next batch is still one owner of one
 * file, and its size is what the layout's rule says it is (its rows in the batch where it starts).
 * Checked against a plain model of the rule, for owners of 1 to 3,000 rows in batches of 1 to all rows.
 */
class OwnerRunsTest {
    private static final TableSpec SPEC = AllColumnTypes.SPEC;
    private static final FileLayout LAYOUT = FileLayout.DEFAULT.withMaxOwnersPerFile(4);

    @Test
    @Timeout(120) // a cut that makes no progress loops forever
    void filesHoldWholeOwnersByTheLayoutWhereverBatchesEnd() {
        int[] ownerRows = {3, 1, 40, 3000, 7, 7, 7, 2, 500, 12, 1, 1, 1, 1, 1, 900, 60, 5, 5, 1200, 2, 2};
        List<Object[]> rows = new ArrayList<>();
        List<String> ownerOfRow = new ArrayList<>();
        for (int o = 0; o < ownerRows.length; o++) {
            for (int r = 0; r < ownerRows[o]; r++) {
                String path = String.format("m%03d.py", o);
                rows.add(new Object[] {"repo", path, "id" + r, null, null, null, null});
                ownerOfRow.add(path);
            }
        }
        for (int batchRows : new int[] {1, 7, 100, 1024, rows.size()}) {
            try (RootAllocator allocator = new RootAllocator(); ArrowRows arrow = new ArrowRows(SPEC, allocator)) {
                rows.forEach(arrow::append);
                ArrowBatch all = arrow.batch(IntStream.range(0, rows.size()).toArray());
                List<ArrowBatch> batches = new ArrayList<>();
                for (int from = 0; from < rows.size(); from += batchRows) {
                    batches.add(all.slice(from, Math.min(rows.size(), from + batchRows)));
                }
                List<List<String>> files = new ArrayList<>();
                OwnerRuns runs = new OwnerRuns(batches.iterator(), SPEC, LAYOUT);
                int row = 0;
                while (runs.hasNextFile()) {
                    List<String> owners = new ArrayList<>();
                    for (Iterator<ArrowBatch> file = runs.nextFile(); file.hasNext(); ) {
                        for (int n = file.next().getSize(); n > 0; n--, row++) {
                            String owner = ownerOfRow.get(row);
                            if (owners.isEmpty() || !owners.get(owners.size() - 1).equals(owner)) {
                                owners.add(owner);
                            }
                        }
                    }
                    files.add(owners);
                }
                assertEquals(rows.size(), row, "rows in files, batches of " + batchRows);
                assertEquals(model(ownerRows, batchRows), files, "files, batches of " + batchRows);
            }
        }
    }

    /** The layout's rule, owner by owner: an owner's size is its rows up to the end of the batch where it starts. */
    private static List<List<String>> model(int[] ownerRows, int batchRows) {
        List<List<String>> files = new ArrayList<>();
        List<String> file = new ArrayList<>();
        long rows = 0;
        long smallest = Long.MAX_VALUE;
        int first = 0;
        for (int o = 0; o < ownerRows.length; o++) {
            int inBatch = Math.min(ownerRows[o], batchRows - first % batchRows);
            if (!LAYOUT.admits(file.size(), rows, smallest, inBatch)) {
                files.add(file);
                file = new ArrayList<>();
                rows = 0;
                smallest = Long.MAX_VALUE;
            }
            file.add(String.format("m%03d.py", o));
            rows += ownerRows[o];
            smallest = Math.min(smallest, inBatch);
            first += ownerRows[o];
        }
        files.add(file);
        return files;
    }
}
