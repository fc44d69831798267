package io.codeanatomy.delta.kernel.localfs;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.OwnerSet;
import io.codeanatomy.delta.kernel.ParquetStager;
import io.codeanatomy.delta.kernel.TableCommit;
import io.codeanatomy.delta.kernel.TableRows;
import io.codeanatomy.delta.kernel.WriterGuard;
import io.codeanatomy.delta.record.Owner;
import io.codeanatomy.delta.schema.ColumnType;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The sink's local file system answers as Hadoop's does (permissions of new files and directories,
 * link status of files, directories, links and missing paths), and a Delta table created, written and
 * committed through the sink's engine starts no process (Hadoop's own ran chmod and readlink ~300
 * times per indexed checkpoint).
 */
class NioLocalFileSystemTest {
    private static final TableSpec SPEC = TableSpec.builder("t", "test")
            .required("repo", ColumnType.STRING, "")
            .required("path", ColumnType.STRING, "")
            .required("id", ColumnType.STRING, "")
            .primaryKey("id")
            .build();

    @TempDir
    java.nio.file.Path dir;

    @Test
    void newFilesAndDirectoriesGetHadoopsPermissions() throws Exception {
        for (String mode : List.of("640", "755", "604", "711", "641", "777")) {
            FsPermission permission = new FsPermission(mode);
            assertEquals(permissions(hadoops(), "h" + mode, permission), permissions(ours(), "n" + mode, permission), mode);
        }
    }

    private List<Object> permissions(RawLocalFileSystem fs, String name, FsPermission permission) throws Exception {
        Path d = new Path(dir.resolve(name).toUri());
        fs.mkdirs(d, permission);
        Path f = new Path(d, "f");
        fs.create(f, permission, false, 4096, (short) 1, 1 << 20, null).close();
        fs.setPermission(f, permission);
        return List.of(Files.getPosixFilePermissions(dir.resolve(name)), Files.getPosixFilePermissions(dir.resolve(name).resolve("f")));
    }

    @Test
    void linkStatusIsHadoops() throws Exception {
        java.nio.file.Path file = Files.writeString(dir.resolve("file"), "x");
        java.nio.file.Path sub = Files.createDirectory(dir.resolve("sub"));
        java.nio.file.Path link = Files.createSymbolicLink(dir.resolve("link"), file);
        for (java.nio.file.Path p : List.of(file, sub, link)) {
            FileStatus theirs = hadoops().getFileLinkStatus(new Path(p.toUri()));
            FileStatus mine = ours().getFileLinkStatus(new Path(p.toUri()));
            assertEquals(describe(theirs), describe(mine), p.toString());
        }
        Path missing = new Path(dir.resolve("missing").toUri());
        assertThrows(FileNotFoundException.class, () -> hadoops().getFileLinkStatus(missing));
        assertThrows(FileNotFoundException.class, () -> ours().getFileLinkStatus(missing));
    }

    private static String describe(FileStatus s) throws Exception {
        return s.getPath() + " file=" + s.isFile() + " dir=" + s.isDirectory() + " link=" + s.isSymlink()
                + (s.isSymlink() ? " -> " + s.getSymlink() : "") + " len=" + s.getLen();
    }

    @Test
    void aDeltaCommitThroughTheEngineStartsNoProcess() throws Exception {
        Class.forName("org.apache.hadoop.util.Shell"); // its class initializer asks for setsid once per JVM
        Engine engine = EngineFactory.create();
        String table = dir.resolve("t").toUri().toString();
        List<String> started = new ArrayList<>();
        SecurityManager before = System.getSecurityManager();
        try {
            System.setSecurityManager(new SecurityManager() {
                @Override
                public void checkPermission(java.security.Permission perm) {
                }

                @Override
                public void checkExec(String cmd) {
                    started.add(cmd);
                }
            });
        } catch (UnsupportedOperationException disallowed) {
            assumeTrue(false, "this JVM allows no security manager (-Djava.security.manager=disallow), which counts processes here");
        }
        try {
            var files = new ParquetStager(engine, table, SPEC).stage(new ArrayList<>(List.<Object[]>of(new Object[] {"r", "a.py", "a1"})));
            new TableCommit(engine, table, SPEC, new WriterGuard(table, "app"))
                    .commit("app", 1, new OwnerSet(List.of(new Owner("r", "a.py"))), Set.of(), files);
        } finally {
            System.setSecurityManager(before);
        }
        assertEquals(List.of(), started, "processes started by a table's creation and first commit");
        assertEquals(1, TableRows.readAll(engine, TableManager.loadSnapshot(table).build(engine), SPEC).size());
        assertTrue(Files.list(dir.resolve("t").resolve("_delta_log")).noneMatch(f -> f.getFileName().toString().endsWith(".json.crc")),
                "no checksum sidecar beside the commit files");
    }

    private static RawLocalFileSystem hadoops() throws Exception {
        RawLocalFileSystem fs = new RawLocalFileSystem();
        fs.initialize(java.net.URI.create("file:///"), new Configuration());
        return fs;
    }

    private static RawLocalFileSystem ours() throws Exception {
        RawLocalFileSystem fs = new NioLocalFileSystem();
        fs.initialize(java.net.URI.create("file:///"), new Configuration());
        return fs;
    }
}
