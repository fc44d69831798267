package io.codeanatomy.source;

/**
 * What happened to a path. A snapshot emits ADD for every file and DELETE for files no longer there;
 * the git change stream emits what a tree diff finds. HEAD is not a file: it marks the end of one
 * commit's changes of a repository and becomes that repository's {@code repo_heads} row.
 */
public enum ChangeKind { ADD, MODIFY, DELETE, RENAME, HEAD }
