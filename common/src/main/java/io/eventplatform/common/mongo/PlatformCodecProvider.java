package io.eventplatform.common.mongo;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import org.bson.codecs.Codec;
import org.bson.codecs.configuration.CodecProvider;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.codecs.pojo.Convention;
import org.bson.codecs.pojo.Conventions;
import org.bson.codecs.pojo.PojoCodecProvider;

/**
 * Codecs for the suite's own document classes: the driver's POJO mapping plus {@link SnakeCaseConvention}.
 * Quarkus consults CodecProvider beans before its automatic POJO provider, so this one decides for our classes.
 */
@Singleton
public class PlatformCodecProvider implements CodecProvider {

    private static final String PACKAGE_ROOT = "io.eventplatform.";

    private final CodecProvider pojo;

    public PlatformCodecProvider() {
        List<Convention> conventions = new ArrayList<>(Conventions.DEFAULT_CONVENTIONS);
        conventions.add(new SnakeCaseConvention());
        this.pojo = PojoCodecProvider.builder().automatic(true).conventions(conventions).build();
    }

    @Override
    public <T> Codec<T> get(Class<T> clazz, CodecRegistry registry) {
        if (!clazz.getName().startsWith(PACKAGE_ROOT) || clazz.isEnum()) {
            return null;
        }
        return pojo.get(clazz, registry);
    }
}
