package io.codeanatomy.job;

import io.codeanatomy.delta.kernel.HadoopConf;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The warehouse's Hadoop settings on the jar's class path (Hadoop's YARN and MapReduce client classes among it): each is a copy of
 * Hadoop's defaults parsed once, those the file system classes add when they first load included, so
 * that no copy parses them again (docs/speed.md, session 26). Run alone (a fresh JVM, no file system
 * loaded yet), this fails if the defaults are parsed before the file systems load.
 */
class HadoopDefaultsTest {
    @Test
    void copiesCarryTheDefaultsOfHadoopAndOfItsFileSystems() {
        org.apache.hadoop.conf.Configuration hadoop = HadoopConf.create(new Configuration());
        assertEquals("file:///", hadoop.get("fs.defaultFS")); // core-default.xml
        // mapred-default.xml and yarn-default.xml, added as the file systems of their jars load
        assertEquals("2", hadoop.get("mapreduce.job.maps"), hadoop.toString());
        assertEquals("0.0.0.0", hadoop.get("yarn.resourcemanager.hostname"), hadoop.toString());
    }
}
