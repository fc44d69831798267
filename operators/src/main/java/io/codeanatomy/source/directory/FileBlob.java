package io.codeanatomy.source.directory;

import io.codeanatomy.source.listing.Blob;
import io.codeanatomy.source.listing.RefusedFileException;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A file on disk, with the blob id git would give its content (the same content has the same id in
 * both modes). Never read through a link: the file is opened without following one (O_NOFOLLOW), and
 * its directory must still resolve inside the repository, so a path swapped for a link between the
 * listing and the read is refused ({@link RefusedFileException}) rather than read from elsewhere.
 */
record FileBlob(Path root, Path file) implements Blob {
    @Override
    public long size() throws IOException {
        return attributes().size();
    }

    @Override
    public String id() throws IOException {
        try (InputStream in = Channels.newInputStream(open())) {
            return new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, size(), in).name();
        }
    }

    @Override
    public Content read() throws IOException {
        byte[] bytes;
        try (InputStream in = Channels.newInputStream(open())) {
            bytes = in.readAllBytes();
        }
        return new Content(bytes, new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, bytes).name());
    }

    private BasicFileAttributes attributes() throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isRegularFile()) {
            throw new RefusedFileException(root.relativize(file) + " is no longer a regular file (a "
                    + (attributes.isSymbolicLink() ? "symbolic link" : "directory or special file")
                    + " replaced it after it was listed); not read");
        }
        return attributes;
    }

    private SeekableByteChannel open() throws IOException {
        attributes();
        Path parent = file.getParent().toRealPath();
        if (!parent.startsWith(root.toRealPath())) {
            throw new RefusedFileException(root.relativize(file) + " resolves outside the repository (to " + parent
                    + ") through a link created after it was listed; not read");
        }
        try {
            return Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException e) {
            if (Files.isSymbolicLink(file)) {
                throw new RefusedFileException(root.relativize(file) + " was replaced by a symbolic link after it was"
                        + " listed; not read");
            }
            throw e;
        }
    }
}
