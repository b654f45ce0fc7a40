package io.eventplatform.devstack;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * A MongoDB wire-protocol store: in memory for tests, an H2 file for local runs so data survives restarts.
 * It has no multi-document transactions and no Stable API, so the suite never relies on either.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private final MongoServer server;
    private final InetSocketAddress address;

    private EmbeddedMongo(MongoBackend backend, String host, int port) {
        this.server = new MongoServer(backend);
        server.bind(host, port);
        this.address = server.getLocalAddress();
    }

    public static EmbeddedMongo inMemory(String host, int port) {
        return new EmbeddedMongo(new MemoryBackend(), host, port);
    }

    public static EmbeddedMongo persistent(Path file, String host, int port) {
        file.toAbsolutePath().getParent().toFile().mkdirs();
        return new EmbeddedMongo(new H2Backend(file.toAbsolutePath().toString()), host, port);
    }

    public int port() {
        return address.getPort();
    }

    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
