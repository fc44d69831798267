package io.codeanatomy.source.git;

import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

import java.io.File;
import java.io.IOException;

/** Finding and opening git repositories, and resolving revisions to commits. */
public final class GitRepositories {
    private static volatile boolean systemConfigRead;

    private GitRepositories() {
    }

    /** Whether {@code dir} is a git work tree (with .git) or a bare repository. */
    public static boolean isRepository(File dir) {
        return new File(dir, ".git").exists() || RepositoryCache.FileKey.isGitRepository(dir, FS.DETECTED);
    }

    /**
     * Reads git's system configuration, once per process: JGit finds it by running {@code git --version}
     * and {@code git config --system --list}, and keeps it. A command starts this on a thread of its
     * own before it opens a repository; an open waits for it rather than running the two again. A
     * damaged file is left to the repository's open, which reports it.
     */
    public static void readSystemConfig() {
        if (systemConfigRead) {
            return;
        }
        synchronized (GitRepositories.class) {
            if (!systemConfigRead) {
                try {
                    SystemReader.getInstance().getSystemConfig();
                } catch (IOException | ConfigInvalidException e) {
                    // reported where a repository is opened
                }
                systemConfigRead = true;
            }
        }
    }

    public static Repository open(File dir) throws IOException {
        readSystemConfig();
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
