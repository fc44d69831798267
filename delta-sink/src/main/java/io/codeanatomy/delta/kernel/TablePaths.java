package io.codeanatomy.delta.kernel;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where a table of a warehouse lives: one directory per table under the warehouse root. A warehouse
 * is a URI of any Hadoop file system on the class path ({@code file:}, or {@code s3a:}, {@code abfs:},
 * ... once its jar is there); a plain path is a local directory, relative to the working directory.
 */
public final class TablePaths {
    /** A URI scheme: two characters at least, so that a Windows drive letter stays a path. */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:");

    private TablePaths() {
    }

    /**
     * The warehouse as a URI: a plain path becomes an absolute {@code file:} URI. Fails with an
     * {@link IllegalArgumentException} saying why when the text is no URI or no Hadoop file system
     * on the class path serves its scheme.
     */
    public static URI warehouse(String location) {
        URI uri = parse(location);
        if (isLocal(uri)) {
            return localRoot(uri).toUri();
        }
        try {
            FileSystem.getFileSystemClass(uri.getScheme(), HadoopConf.create());
        } catch (IOException | RuntimeException e) {
            // An unknown scheme is an IOException; a known one whose class is missing (s3a: without
            // hadoop-aws) a RuntimeException around the ClassNotFoundException.
            throw new IllegalArgumentException("no file system for the scheme '" + uri.getScheme() + ":' on the class path"
                    + " (file: works as it is; others need their Hadoop jar, e.g. hadoop-aws for s3a:)");
        }
        if (uri.getPath() == null || uri.getPath().isEmpty()) {
            throw new IllegalArgumentException("a warehouse URI needs a path, e.g. " + uri.getScheme() + "://bucket/warehouse");
        }
        return uri;
    }

    public static String tablePath(String warehouse, String table) {
        URI uri = parse(warehouse);
        if (isLocal(uri)) {
            // java.nio's form of the location, as it always was: existing warehouses keep their table locations.
            return localRoot(uri).resolve(table).toUri().toString();
        }
        String root = uri.toString();
        return (root.endsWith("/") ? root : root + "/") + table;
    }

    /** A commit or checkpoint file of a Delta log, e.g. {@code 00000000000000000000.json}. */
    private static final Pattern LOG_ENTRY = Pattern.compile("^\\d{20}\\.(json|checkpoint(\\..+)?\\.parquet)$");

    /**
     * Whether the table has a committed version, read through the Hadoop file system of the
     * warehouse's scheme. A log directory without a commit file is a table whose first commit is
     * under way (or was interrupted): it does not exist yet, and a reader must not load it.
     */
    public static boolean exists(String warehouse, String table) {
        URI uri = parse(warehouse);
        if (isLocal(uri)) {
            Path log = localRoot(uri).resolve(table).resolve("_delta_log");
            if (!java.nio.file.Files.isDirectory(log)) {
                return false;
            }
            try (var entries = java.nio.file.Files.list(log)) {
                return entries.anyMatch(e -> LOG_ENTRY.matcher(e.getFileName().toString()).matches());
            } catch (java.nio.file.NoSuchFileException removed) {
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + log, e);
            }
        }
        String tablePath = tablePath(warehouse, table);
        org.apache.hadoop.fs.Path log = new org.apache.hadoop.fs.Path(
                URI.create((tablePath.endsWith("/") ? tablePath : tablePath + "/") + "_delta_log"));
        try {
            RemoteIterator<FileStatus> entries = log.getFileSystem(HadoopConf.create()).listStatusIterator(log);
            while (entries.hasNext()) {
                if (LOG_ENTRY.matcher(entries.next().getPath().getName()).matches()) {
                    return true;
                }
            }
            return false;
        } catch (FileNotFoundException missing) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    /**
     * Whether the warehouse is a local directory that holds nothing yet (or does not exist): no table
     * to check or read. False for any other file system, where finding out costs what reading does.
     */
    public static boolean isEmptyLocal(String warehouse) {
        URI uri = parse(warehouse);
        if (!isLocal(uri)) {
            return false;
        }
        Path root = localRoot(uri);
        if (!java.nio.file.Files.exists(root)) {
            return true;
        }
        try (var entries = java.nio.file.Files.list(root)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false; // not a readable directory: the normal checks report it
        }
    }

    private static URI parse(String location) {
        if (!SCHEME.matcher(location).find()) {
            return Path.of(location).toAbsolutePath().normalize().toUri();
        }
        try {
            return new URI(location);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URI: " + e.getMessage());
        }
    }

    private static boolean isLocal(URI uri) {
        return "file".equalsIgnoreCase(uri.getScheme());
    }

    private static Path localRoot(URI uri) {
        try {
            return Path.of(uri).toAbsolutePath().normalize();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a local file URI (use file:///absolute/path): " + uri, e);
        }
    }
}
