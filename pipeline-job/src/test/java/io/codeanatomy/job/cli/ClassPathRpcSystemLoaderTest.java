package io.codeanatomy.job.cli;

import io.codeanatomy.job.rpc.InProcessRpcSystem;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.runtime.rpc.RpcSystem;
import org.apache.flink.runtime.rpc.exceptions.RpcLoaderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Flink's RPC system comes from the class path: nothing unpacked, no class loader of its own. */
class ClassPathRpcSystemLoaderTest {
    @Test
    void localServicesAreInProcessByDefault(@TempDir Path tmp) throws Exception {
        Configuration conf = new Configuration();
        conf.set(CoreOptions.TMP_DIRS, tmp.toString());
        try (RpcSystem rpc = RpcSystem.load(conf)) {
            assertEquals(InProcessRpcSystem.class, rpc.getClass());
        }
    }

    @Test
    void flinkLoadsItsRpcSystemFromTheClassPath(@TempDir Path tmp) throws Exception {
        Configuration conf = new Configuration();
        conf.set(CoreOptions.TMP_DIRS, tmp.toString());
        conf.setString(ClassPathRpcSystemLoader.LOCAL_RPC_KEY, "pekko");
        try (RpcSystem rpc = RpcSystem.load(conf)) {
            assertEquals(ClassPathRpcSystemLoader.RPC_SYSTEM, rpc.getClass().getName());
            assertSame(RpcSystem.class.getClassLoader(), rpc.getClass().getClassLoader());
            try (Stream<Path> files = Files.list(tmp)) {
                assertEquals(List.of(), files.collect(Collectors.toList()), "no RPC jar unpacked");
            }
        }
    }

    @Test
    void withoutTheRpcSystemOnTheClassPathItDeclinesAndFlinksLoaderIsAsked() {
        RpcLoaderException declined = assertThrows(RpcLoaderException.class,
                () -> new ClassPathRpcSystemLoader("org.example.NoSuchRpcSystem").loadRpcSystem(new Configuration()));
        assertEquals(true, declined.getMessage().contains("not on the class path"), declined.getMessage());
    }
}
