package io.codeanatomy.source;

import io.codeanatomy.lang.Language;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The files of one git commit, read from the object database (the work tree is never looked at). */
final class GitSnapshot implements SnapshotListing {
    private final Repository repository;
    private final ObjectReader reader;
    private final List<SnapshotEntry> entries;
    private final long maxFileBytes;
    private final long commitTime;

    private GitSnapshot(Repository repository, List<SnapshotEntry> entries, long maxFileBytes, long commitTime) {
        this.repository = repository;
        this.reader = repository.newObjectReader();
        this.entries = entries;
        this.maxFileBytes = maxFileBytes;
        this.commitTime = commitTime;
    }

    static GitSnapshot list(String root, String commitId, FileSelector selector) throws IOException {
        Repository repository = GitRepositories.open(new File(root));
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(commitId));
            tree.addTree(commit.getTree());
            tree.setRecursive(true);
            List<SnapshotEntry> entries = new ArrayList<>();
            while (tree.next()) {
                FileMode mode = tree.getFileMode(0);
                if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                    continue; // symlinks and submodules are not source files of this repository
                }
                String path = tree.getPathString();
                Optional<Language> language = selector.select(path);
                if (language.isPresent()) {
                    entries.add(new SnapshotEntry(path, language.get(), tree.getObjectId(0)));
                }
            }
            entries.sort(Comparator.comparing(e -> e.path));
            return new GitSnapshot(repository, entries, selector.maxFileBytes(), commit.getCommitTime() * 1000L);
        } catch (IOException | RuntimeException e) {
            repository.close();
            throw e;
        }
    }

    @Override
    public long commitTime() {
        return commitTime;
    }

    @Override
    public List<SnapshotEntry> entries() {
        return entries;
    }

    @Override
    public FileChange read(SnapshotEntry entry, String repo, String commit) throws IOException {
        ObjectId id = (ObjectId) entry.handle;
        FileChange change = FileChange.add(repo, entry.path, commit, entry.language.id(),
                reader.getObjectSize(id, Constants.OBJ_BLOB));
        change.blobId = id.name();
        if (change.size > maxFileBytes) {
            change.skipReason = "too_large";
        } else {
            change.content = reader.open(id, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
        }
        return change;
    }

    @Override
    public void close() {
        reader.close();
        repository.close();
    }
}
