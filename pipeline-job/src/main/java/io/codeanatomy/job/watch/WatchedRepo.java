package io.codeanatomy.job.watch;

import java.io.File;

/** One repository `watch` follows: where it is, the id its rows carry, the branch followed. */
public final class WatchedRepo {
    public final File dir;
    public final String repoId;
    public final String branch;

    public WatchedRepo(File dir, String repoId, String branch) {
        this.dir = dir;
        this.repoId = repoId;
        this.branch = branch;
    }
}
