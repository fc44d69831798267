package io.codeanatomy.job.storage;

import io.codeanatomy.delta.kernel.HadoopConf;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.FileSystemFactory;
import org.apache.flink.runtime.fs.hdfs.HadoopFileSystem;

import java.io.IOException;
import java.net.URI;

/**
 * Flink's file system for {@code s3a://} in the embedded run: checkpoints and savepoints through the
 * same Hadoop S3A the warehouse uses, configured by the same {@code s3.*} keys ({@link HadoopConf}).
 * On a cluster the image's Flink S3 plugin ({@code flink-s3-fs-hadoop}) serves these schemes instead:
 * the job jar is not on a TaskManager's system class path, so this factory is not seen there.
 */
public class S3aFileSystemFactory implements FileSystemFactory {
    private Configuration flinkConfig = new Configuration();

    @Override
    public String getScheme() {
        return "s3a";
    }

    @Override
    public void configure(Configuration config) {
        flinkConfig = config;
    }

    @Override
    public FileSystem create(URI fsUri) throws IOException {
        org.apache.hadoop.conf.Configuration hadoop = HadoopConf.create(flinkConfig);
        return new HadoopFileSystem(org.apache.hadoop.fs.FileSystem.get(fsUri, hadoop));
    }

    /** {@code s3://}, which Flink's S3 plugin also serves with S3A. */
    public static final class S3 extends S3aFileSystemFactory {
        @Override
        public String getScheme() {
            return "s3";
        }
    }
}
