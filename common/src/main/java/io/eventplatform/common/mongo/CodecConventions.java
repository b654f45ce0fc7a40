package io.eventplatform.common.mongo;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.bson.codecs.pojo.Convention;
import org.bson.codecs.pojo.Conventions;

/** Replaces Quarkus's default POJO codec conventions with the defaults plus snake_case field names. */
@Singleton
public class CodecConventions {

    @Produces
    @Singleton
    List<Convention> codecsConventions() {
        List<Convention> conventions = new ArrayList<>(Conventions.DEFAULT_CONVENTIONS);
        conventions.add(new SnakeCaseConvention());
        return conventions;
    }
}
