package io.codeanatomy.source;

/**
 * What happened to a path. A snapshot emits ADD for every file and DELETE for files no longer there;
 * the git change stream emits what a tree diff finds. The end of a commit is not a change of a path:
 * it is a {@link CommitMarker}.
 */
public enum ChangeKind { ADD, MODIFY, DELETE, RENAME }
