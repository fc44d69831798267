package io.codeanatomy.delta.kernel.localfs;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Hadoop's local file system without its shell commands. Without Hadoop's native library (which
 * codeanatomy does not ship) {@link RawLocalFileSystem} sets every new file's and directory's
 * permissions by running {@code chmod}, and answers every {@code getFileLinkStatus} (a Delta commit's
 * rename asks it several times) by running {@code readlink}: about 300 processes for one indexed
 * checkpoint of nine tables, most of a small run's system time on a virtual machine (docs/speed.md).
 * Here permissions go through {@code java.nio}, and a path that is no symbolic link gets its status
 * without a process. Everything else is Hadoop's.
 */
public class NioLocalFileSystem extends RawLocalFileSystem {
    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
        java.nio.file.Path file = pathToFile(p).toPath();
        try {
            Files.setPosixFilePermissions(file, posix(permission.toShort()));
        } catch (UnsupportedOperationException notPosix) {
            super.setPermission(p, permission);
        }
    }

    /** The rwx bits of a permission (the sticky bit is not one of them; nothing here sets it). */
    static Set<PosixFilePermission> posix(short mode) {
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < BITS.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                out.add(BITS[bit]);
            }
        }
        return out;
    }

    /**
     * A path that is no symbolic link has the status {@link #getFileStatus} gives (a missing one its
     * {@code FileNotFoundException}), which is what Hadoop's own answer comes to for it; a link goes to
     * Hadoop's code.
     */
    @Override
    public FileStatus getFileLinkStatus(Path f) throws IOException {
        if (Files.isSymbolicLink(pathToFile(f).toPath())) {
            return super.getFileLinkStatus(f);
        }
        return getFileStatus(f);
    }
}
