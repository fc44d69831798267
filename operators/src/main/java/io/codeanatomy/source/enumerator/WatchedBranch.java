package io.codeanatomy.source.enumerator;

/** Where a watched repository is and which branch is followed (null: whatever HEAD is). */
record WatchedBranch(String root, String branch) {
    /** The ref the poll resolves. */
    String ref() {
        return branch == null ? "HEAD" : "refs/heads/" + branch;
    }
}
