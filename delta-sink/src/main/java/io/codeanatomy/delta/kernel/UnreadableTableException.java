package io.codeanatomy.delta.kernel;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.delta.kernel.exceptions.KernelEngineException;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table of the warehouse that cannot be read as CodeAnatomy's table: a damaged Delta log, a missing
 * data file, another schema. Its message is one line naming the table and the file (or the columns that
 * differ), for the command line to print as it is; Kernel's exception stays the cause, for the log.
 */
public final class UnreadableTableException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final Pattern FILE = Pattern.compile("(?:file:)?/\\S*?\\.(?:parquet|json|crc)\\b");
    /** Newest commits checked for a broken line: the ones a reader replays are after the last checkpoint. */
    private static final int LOG_FILES_CHECKED = 200;

    /** The table's location, as Kernel was given it. */
    public final String tablePath;
    /** The file that could not be read (a data file or a commit of the log), or the log directory. */
    public final String file;

    public UnreadableTableException(String tablePath, String file, String problem, Throwable cause) {
        super("Delta table " + tablePath + " cannot be read: " + file + ": " + problem, cause);
        this.tablePath = tablePath;
        this.file = file;
    }

    /** Whether {@code e} is a failure to read stored files (as opposed to, say, a concurrent commit). */
    public static boolean isReadFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnreadableTableException || t instanceof KernelEngineException || t instanceof IOException
                    || t instanceof UncheckedIOException || t.getClass().getName().startsWith("com.fasterxml.jackson")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * {@code e} as a failure to read {@code tablePath}, naming the file: the one in Kernel's message
     * (a missing or unreadable Parquet file is named there), else the commit of the log that does not
     * parse (Kernel's JSON error quotes the line, not the file), else the log directory.
     */
    public static UnreadableTableException of(String tablePath, Throwable e) {
        return of(tablePath, null, e);
    }

    /** {@code e} as a failure to read {@code file} (if known, else found as {@link #of(String, Throwable)} does). */
    public static UnreadableTableException of(String tablePath, String knownFile, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnreadableTableException u) {
                return u;
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String file = knownFile;
        for (Throwable t = e; t != null && file == null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                Matcher m = FILE.matcher(t.getMessage());
                if (m.find()) {
                    file = m.group();
                }
            }
        }
        if (file == null) {
            file = brokenCommit(tablePath);
        }
        String problem = root.getClass().getSimpleName() + (root.getMessage() == null ? ""
                : ": " + root.getMessage().lines().findFirst().orElse(""));
        if (problem.length() > 300) {
            problem = problem.substring(0, 300) + "...";
        }
        return new UnreadableTableException(tablePath, file, problem, e);
    }

    /** The newest commit file of the table's log with a line that is not JSON, or the log directory. */
    static String brokenCommit(String tablePath) {
        String dir = (tablePath.endsWith("/") ? tablePath : tablePath + "/") + "_delta_log";
        ObjectMapper json = new ObjectMapper();
        try (FileSystem fs = FileSystem.newInstance(URI.create(dir), HadoopConf.create())) {
            Path log = new Path(URI.create(dir));
            FileStatus[] commits = fs.listStatus(log, p -> p.getName().matches("\\d{20}\\.json"));
            Arrays.sort(commits, Comparator.comparing((FileStatus s) -> s.getPath().getName()).reversed());
            for (FileStatus commit : Arrays.copyOf(commits, Math.min(commits.length, LOG_FILES_CHECKED))) {
                try (FSDataInputStream in = fs.open(commit.getPath());
                     BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (!line.isBlank()) {
                            json.readTree(line);
                        }
                    }
                } catch (IOException unparsable) {
                    return commit.getPath().toString();
                }
            }
        } catch (IOException | RuntimeException e) {
            // could not look: name the directory
        }
        return dir;
    }
}
