package io.codeanatomy.job.rpc;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RpcOptions;
import org.apache.flink.runtime.rpc.AddressResolution;
import org.apache.flink.runtime.rpc.RpcService;
import org.apache.flink.runtime.rpc.RpcSystem;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Flink's RPC system for an embedded run: local services ({@link InProcessRpcService}) call their
 * endpoints in this JVM; remote services, and the URLs of remote endpoints, are the given system's
 * (Pekko). A MiniCluster asks only for local services; a Flink process that found this system would
 * still talk to its peers with Pekko.
 */
public final class InProcessRpcSystem implements RpcSystem {
    private final RpcSystem remote;

    public InProcessRpcSystem(RpcSystem remote) {
        this.remote = remote;
    }

    @Override
    public RpcServiceBuilder localServiceBuilder(Configuration configuration) {
        return new Builder(configuration.get(RpcOptions.ASK_TIMEOUT_DURATION));
    }

    @Override
    public RpcServiceBuilder remoteServiceBuilder(Configuration configuration, String externalAddress, String externalPortRange) {
        return remote.remoteServiceBuilder(configuration, externalAddress, externalPortRange);
    }

    @Override
    public String getRpcUrl(String hostname, int port, String endpointName, AddressResolution addressResolution,
            Configuration config) throws UnknownHostException {
        return remote.getRpcUrl(hostname, port, endpointName, addressResolution, config);
    }

    @Override
    public InetSocketAddress getInetSocketAddressFromRpcUrl(String url) throws Exception {
        if (url.startsWith(InProcessRpcService.SCHEME)) {
            throw new Exception("The in-process RPC endpoint " + url + " has no socket address.");
        }
        return remote.getInetSocketAddressFromRpcUrl(url);
    }

    /** The remote system's: what decides which of a job's payloads travel through the blob server stays as it was. */
    @Override
    public long getMaximumMessageSizeInBytes(Configuration config) {
        return remote.getMaximumMessageSizeInBytes(config);
    }

    @Override
    public void close() {
        remote.close();
    }

    /** The executor settings are not used: each service's threads grow with its endpoints' work. */
    private static final class Builder implements RpcServiceBuilder {
        private final Duration timeout;
        private String componentName = "flink";

        Builder(Duration timeout) {
            this.timeout = timeout;
        }

        @Override
        public RpcServiceBuilder withComponentName(String name) {
            componentName = name;
            return this;
        }

        @Override
        public RpcServiceBuilder withBindAddress(String bindAddress) {
            return this;
        }

        @Override
        public RpcServiceBuilder withBindPort(int bindPort) {
            return this;
        }

        @Override
        public RpcServiceBuilder withExecutorConfiguration(FixedThreadPoolExecutorConfiguration configuration) {
            return this;
        }

        @Override
        public RpcServiceBuilder withExecutorConfiguration(ForkJoinExecutorConfiguration configuration) {
            return this;
        }

        @Override
        public RpcService createAndStart() {
            return new InProcessRpcService(componentName, timeout);
        }
    }
}
