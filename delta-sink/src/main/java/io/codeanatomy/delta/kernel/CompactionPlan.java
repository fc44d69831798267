package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.schema.TableSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Which data files of a table one compaction merges, keeping the {@link FileLayout}: files lie in
 * owner order, each holding at most {@code maxOwnersPerFile} owners, their owner ranges disjoint.
 * <ul>
 *   <li>Files whose owner ranges overlap (two writers' files of one checkpoint, or a replaced owner's
 *   new file inside the range of the file it was cut out of) are merged together, so each owner
 *   again lies in one narrow file.</li>
 *   <li>Neighbours (in owner order) are merged while their owners together fit in one file, so
 *   the file count shrinks; a merge never makes a file the layout would not write (more owners, or
 *   more rows per smallest owner, than it allows), so the stager writes each group as one file and
 *   the next compaction finds nothing to do.</li>
 *   <li>A file written since {@code hotSince} that holds a single owner is left alone: it holds a file
 *   a live {@code watch} just replaced, which is where its next edit goes; merging it now would make
 *   that edit rewrite its neighbours too.</li>
 * </ul>
 * Files without owner statistics are left alone. An unowned table merges its files under
 * {@link FileLayout#unownedSmallFileBytes()}.
 */
final class CompactionPlan {
    private CompactionPlan() {
    }

    /** @param owners what a file holds by owner (read from it; asked only for files holding several owners) */
    static List<List<ActiveFile>> groups(List<ActiveFile> files, TableSpec spec, FileLayout layout, long hotSince,
                                         Function<ActiveFile, OwnerCounts> owners) {
        if (!spec.isOwned()) {
            List<ActiveFile> small = files.stream().filter(f -> f.size < layout.unownedSmallFileBytes()).toList();
            return small.size() < 2 ? List.of() : List.of(small);
        }
        List<ActiveFile> placed = new ArrayList<>();
        for (ActiveFile f : files) {
            if (f.stats.isPresent() && f.stats.get().minOwner() != null && f.stats.get().maxOwner() != null && !hot(f, hotSince)) {
                placed.add(f);
            }
        }
        placed.sort(Comparator.comparing((ActiveFile f) -> f.stats.get().minOwner(), OwnerSet.UTF8)
                .thenComparing(f -> f.stats.get().maxOwner(), OwnerSet.UTF8));
        List<List<ActiveFile>> groups = new ArrayList<>();
        List<ActiveFile> group = new ArrayList<>();
        String groupMax = null;
        OwnerCounts groupOwners = null;
        boolean overlapping = false;
        for (ActiveFile f : placed) {
            String min = f.stats.get().minOwner();
            if (group.isEmpty()) {
                group.add(f);
                groupMax = f.stats.get().maxOwner();
                groupOwners = count(f, owners);
                continue;
            }
            if (overlaps(groupMax, min)) {
                overlapping = true;
                group.add(f);
                groupOwners = groupOwners.plus(count(f, owners));
            } else if (!overlapping && layout.fits(groupOwners.plus(count(f, owners)))) {
                group.add(f);
                groupOwners = groupOwners.plus(count(f, owners));
            } else {
                close(group, groups);
                group = new ArrayList<>();
                group.add(f);
                groupOwners = count(f, owners);
                overlapping = false;
            }
            if (OwnerSet.UTF8.compare(f.stats.get().maxOwner(), groupMax) > 0) {
                groupMax = f.stats.get().maxOwner();
            }
        }
        close(group, groups);
        return groups;
    }

    static boolean hot(ActiveFile f, long hotSince) {
        return f.modificationTime >= hotSince && f.stats.isPresent()
                && f.stats.get().minOwner() != null && f.stats.get().minOwner().equals(f.stats.get().maxOwner());
    }

    /** Whether a file starting at {@code min} overlaps a range ending at {@code max} (which may be a truncated prefix). */
    private static boolean overlaps(String max, String min) {
        return OwnerSet.UTF8.compare(min, max) <= 0 || min.startsWith(max);
    }

    private static OwnerCounts count(ActiveFile f, Function<ActiveFile, OwnerCounts> owners) {
        long rows = f.stats.get().numRecords;
        return f.stats.get().minOwner().equals(f.stats.get().maxOwner()) && rows >= 0
                ? new OwnerCounts(1, rows, rows) : owners.apply(f);
    }

    private static void close(List<ActiveFile> group, List<List<ActiveFile>> groups) {
        if (group.size() >= 2) {
            groups.add(group);
        }
    }
}
