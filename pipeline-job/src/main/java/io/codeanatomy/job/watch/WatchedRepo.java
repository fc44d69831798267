package io.codeanatomy.job.watch;

import java.io.File;

/** A repository `watch` follows: its git directory, the id its rows carry, and the branch. */
public record WatchedRepo(File dir, String repoId, String branch) {
}
