package io.codeanatomy.source.git;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

import java.io.File;
import java.io.IOException;

/** Finding and opening git repositories, and resolving revisions to commits. */
public final class GitRepositories {
    private GitRepositories() {
    }

    /** Whether {@code dir} is a git work tree (with .git) or a bare repository. */
    public static boolean isRepository(File dir) {
        return new File(dir, ".git").exists() || RepositoryCache.FileKey.isGitRepository(dir, FS.DETECTED);
    }

    public static Repository open(File dir) throws IOException {
        File dotGit = new File(dir, ".git");
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
        if (dotGit.exists()) {
            builder.setWorkTree(dir).setGitDir(dotGit.isDirectory() ? dotGit : null);
            if (!dotGit.isDirectory()) {
                builder.findGitDir(dir); // a .git file (worktree or submodule) points elsewhere
            }
        } else {
            builder.setGitDir(dir);
        }
        return builder.build();
    }

    /** The commit id a revision names; fails with a message naming the option and the repository. */
    public static String resolveCommit(File dir, String rev) throws IOException {
        try (Repository repository = open(dir)) {
            ObjectId id = repository.resolve(rev + "^{commit}");
            if (id == null) {
                throw new IllegalArgumentException("--rev " + rev + " does not name a commit in " + dir
                        + (repository.resolve("HEAD") == null ? " (the repository has no commits yet)" : ""));
            }
            return id.name();
        }
    }
}
