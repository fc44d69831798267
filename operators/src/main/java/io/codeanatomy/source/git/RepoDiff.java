package io.codeanatomy.source.git;

import io.codeanatomy.lang.Language;
import io.codeanatomy.source.ChangeKind;
import io.codeanatomy.source.FileSelector;
import io.codeanatomy.source.listing.ListedChange;

import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.io.DisabledOutputStream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;

/**
 * The changes between two commits of one repository, by comparing their trees (never by walking
 * history, so a rewritten history is just another pair of trees), with rename detection: a rename
 * is a DELETE of the old path plus a RENAME (an add that names its old path) of the new one. Only
 * selected source files count: a rename out of the selection is a delete, into it an add. Changes
 * come sorted by path, so the same pair of commits always gives the same list (a restored reader
 * resumes at a position in it). From no commit it is a full snapshot: both sources list a commit this
 * way. The changes' blobs are read (with {@link io.codeanatomy.source.listing.ContentReader}) through
 * this diff's object reader, so before {@link #close()}.
 */
public final class RepoDiff implements AutoCloseable {
    private final Repository repository;
    private final ObjectReader reader;
    private final FileSelector selector;

    public RepoDiff(Repository repository, FileSelector selector) {
        this.repository = repository;
        this.reader = repository.newObjectReader();
        this.selector = selector;
    }

    /**
     * @param from the commit the tables hold, or null for none (every file is an add)
     * @param priorPaths when {@code from} is null: paths the tables hold that get a delete if {@code to} lacks them
     */
    public List<ListedChange> between(String from, String to, List<String> priorPaths) throws IOException {
        List<ListedChange> out = new ArrayList<>();
        try (RevWalk walk = new RevWalk(reader); DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            diff.setReader(reader, repository.getConfig());
            diff.setDetectRenames(true);
            RenameDetector renames = diff.getRenameDetector();
            renames.setRenameScore(60);
            RevCommit newCommit = walk.parseCommit(ObjectId.fromString(to));
            AnyObjectId oldTree = from == null ? null : walk.parseCommit(ObjectId.fromString(from)).getTree();
            for (DiffEntry e : diff.scan(oldTree, newCommit.getTree())) {
                add(e, out);
            }
        }
        if (from == null) {
            out.addAll(ListedChange.deletesOfMissing(out, priorPaths));
        }
        out.sort(ListedChange.BY_PATH_THEN_KIND);
        return out;
    }

    /**
     * {@code diff} (from {@link #between}) plus a change for each of {@code paths} it lacks, in diff
     * order: the path's file in {@code to}'s tree when it has one this selection takes, else a delete.
     * This is how rows the tables hold from a commit that never became visible are put right.
     */
    public List<ListedChange> withRereads(List<ListedChange> diff, String to, Collection<String> paths) throws IOException {
        Set<String> listed = new HashSet<>();
        for (ListedChange c : diff) {
            listed.add(c.path());
        }
        List<ListedChange> out = new ArrayList<>(diff);
        try (RevWalk walk = new RevWalk(reader)) {
            RevTree tree = walk.parseCommit(ObjectId.fromString(to)).getTree();
            for (String path : paths) {
                if (listed.contains(path)) {
                    continue;
                }
                Optional<Language> language = Optional.empty();
                ObjectId blob = null;
                try (TreeWalk entry = TreeWalk.forPath(reader, path, tree)) {
                    if (entry != null && isFile(entry.getFileMode(0))) {
                        language = selector.select(path);
                        blob = entry.getObjectId(0);
                    }
                } catch (IllegalArgumentException notAGitPath) {
                    // An escaped path (a crafted tree entry) names no entry: its rows go.
                }
                out.add(language.isPresent()
                        ? new ListedChange(ChangeKind.MODIFY, path, null, language.get(), new GitBlob(reader, blob))
                        : ListedChange.delete(path, Language.forPath(path).orElse(null)));
            }
        }
        out.sort(ListedChange.BY_PATH_THEN_KIND);
        return out;
    }

    /**
     * The paths whose entry differs between the trees of {@code from} and {@code to} (added, deleted,
     * or another blob or mode; no rename pairing): rows the tables hold for a path as of {@code from}
     * are still right at {@code to} exactly when the path is not among them. Null when the repository
     * no longer has {@code from}.
     */
    public Set<String> changedPaths(String from, String to) throws IOException {
        if (!has(from)) {
            return null;
        }
        Set<String> out = new HashSet<>();
        try (RevWalk walk = new RevWalk(reader); DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            diff.setReader(reader, repository.getConfig());
            for (DiffEntry e : diff.scan(walk.parseCommit(ObjectId.fromString(from)).getTree(),
                    walk.parseCommit(ObjectId.fromString(to)).getTree())) {
                if (e.getChangeType() != DiffEntry.ChangeType.ADD) {
                    out.add(e.getOldPath());
                }
                if (e.getChangeType() != DiffEntry.ChangeType.DELETE) {
                    out.add(e.getNewPath());
                }
            }
        }
        return out;
    }

    private void add(DiffEntry e, List<ListedChange> out) {
        Optional<Language> newLang = isFile(e.getNewMode()) ? selector.select(e.getNewPath()) : Optional.empty();
        Optional<Language> oldLang = isFile(e.getOldMode()) ? selector.select(e.getOldPath()) : Optional.empty();
        switch (e.getChangeType()) {
            case ADD, COPY -> newLang.ifPresent(l -> out.add(file(ChangeKind.ADD, e, null, l)));
            case DELETE -> oldLang.ifPresent(l -> out.add(ListedChange.delete(e.getOldPath(), l)));
            case MODIFY -> {
                if (newLang.isPresent()) {
                    out.add(file(ChangeKind.MODIFY, e, null, newLang.get()));
                } else {
                    oldLang.ifPresent(l -> out.add(ListedChange.delete(e.getOldPath(), l))); // now a symlink
                }
            }
            case RENAME -> {
                // Two records, each keyed by its own path: a later commit that reuses the old path
                // can never be overtaken by a release of it.
                oldLang.ifPresent(l -> out.add(ListedChange.delete(e.getOldPath(), l)));
                newLang.ifPresent(l -> out.add(file(oldLang.isPresent() ? ChangeKind.RENAME : ChangeKind.ADD, e,
                        e.getOldPath(), l)));
            }
            default -> throw new IllegalStateException("unknown change type " + e.getChangeType());
        }
    }

    private ListedChange file(ChangeKind kind, DiffEntry e, String oldPath, Language language) {
        return new ListedChange(kind, e.getNewPath(), oldPath, language, new GitBlob(reader, e.getNewId().toObjectId()));
    }

    private static boolean isFile(FileMode mode) {
        return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
    }

    /** The commit's committer time in epoch milliseconds. */
    public long commitTime(String commit) throws IOException {
        try (RevWalk walk = new RevWalk(reader)) {
            return walk.parseCommit(ObjectId.fromString(commit)).getCommitTime() * 1000L;
        }
    }

    /**
     * The next commit to index on the way from {@code indexed} to {@code head}: the commit after
     * {@code indexed} on {@code head}'s first-parent line, so every commit of a branch is indexed
     * in turn and each row names the commit that changed it. When {@code indexed} is not on that
     * line (history rewritten, or too far back) it is {@code head} itself: the trees are diffed.
     */
    public String nextCommit(String indexed, String head, int maxWalk) throws IOException {
        if (indexed == null) {
            return head;
        }
        ObjectId stop = ObjectId.fromString(indexed);
        try (RevWalk walk = new RevWalk(reader)) {
            RevCommit c = walk.parseCommit(ObjectId.fromString(head));
            RevCommit child = null;
            for (int i = 0; i < maxWalk; i++) {
                if (c.equals(stop)) {
                    return child == null ? head : child.name();
                }
                if (c.getParentCount() == 0) {
                    return head;
                }
                child = c;
                c = walk.parseCommit(c.getParent(0));
            }
            return head;
        }
    }

    /**
     * How many commits {@code head} is ahead of {@code indexed} on its first-parent line: 0 when they
     * are equal, 1 when {@code indexed} is not on that line within {@code maxWalk} commits (one tree
     * diff then catches up).
     */
    public int commitsBetween(String indexed, String head, int maxWalk) throws IOException {
        if (head.equals(indexed)) {
            return 0;
        }
        if (indexed == null) {
            return 1;
        }
        ObjectId stop = ObjectId.fromString(indexed);
        try (RevWalk walk = new RevWalk(reader)) {
            RevCommit c = walk.parseCommit(ObjectId.fromString(head));
            for (int i = 0; i < maxWalk; i++) {
                if (c.equals(stop)) {
                    return i;
                }
                if (c.getParentCount() == 0) {
                    return 1;
                }
                c = walk.parseCommit(c.getParent(0));
            }
            return 1;
        }
    }

    /** Whether the object database still has the commit (a force push followed by gc may drop it). */
    public boolean has(String commit) {
        try (RevWalk walk = new RevWalk(reader)) {
            walk.parseCommit(ObjectId.fromString(commit));
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
