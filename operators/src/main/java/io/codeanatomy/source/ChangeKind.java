package io.codeanatomy.source;

/** What happened to a path. A snapshot emits ADD for every file and DELETE for files no longer there. */
public enum ChangeKind { ADD, MODIFY, DELETE, RENAME }
