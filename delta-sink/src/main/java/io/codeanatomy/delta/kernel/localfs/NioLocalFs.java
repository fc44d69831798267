package io.codeanatomy.delta.kernel.localfs;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FsConstants;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.local.LocalConfigKeys;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * {@link NioLocalFileSystem} as a {@code FileContext} file system ({@code fs.AbstractFileSystem.file.impl}),
 * through which Delta's log store writes and renames each commit file; as Hadoop's {@code RawLocalFs},
 * whose constructors are not public, without the {@code .crc} sidecar of its checksummed wrapper
 * ({@code LocalFs}), as the data files have none.
 */
public class NioLocalFs extends DelegateToFileSystem {
    /** The signature {@code AbstractFileSystem.createFileSystem} looks for. */
    public NioLocalFs(URI uri, Configuration conf) throws IOException, URISyntaxException {
        super(uri, new NioLocalFileSystem(), conf, FsConstants.LOCAL_FS_URI.getScheme(), false);
    }

    @Override
    public int getUriDefaultPort() {
        return -1; // file:/// has no port
    }

    @Override
    public FsServerDefaults getServerDefaults(Path f) throws IOException {
        return LocalConfigKeys.getServerDefaults();
    }

    @Override
    @Deprecated
    public FsServerDefaults getServerDefaults() throws IOException {
        return LocalConfigKeys.getServerDefaults();
    }

    @Override
    public boolean isValidName(String src) {
        return true; // as RawLocalFs: the operating system judges names
    }
}
