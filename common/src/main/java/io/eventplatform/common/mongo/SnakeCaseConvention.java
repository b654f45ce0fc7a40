package io.eventplatform.common.mongo;

import org.bson.codecs.pojo.ClassModelBuilder;
import org.bson.codecs.pojo.Convention;
import org.bson.codecs.pojo.PropertyModelBuilder;

/**
 * Stores Java's camelCase properties under the snake_case names the prototype's collections use
 * ({@code createdAt} → {@code created_at}); the id property stays {@code _id}. Null properties are written as null
 * rather than left out, so saving an entity's state ({@link EntityUpdates}) also clears what became empty.
 */
public class SnakeCaseConvention implements Convention {

    @Override
    public void apply(ClassModelBuilder<?> classModelBuilder) {
        for (PropertyModelBuilder<?> property : classModelBuilder.getPropertyModelBuilders()) {
            if (property.getName().equals(classModelBuilder.getIdPropertyName())) {
                continue;
            }
            if (property.getName().equals(property.getReadName())) {
                String snake = snakeCase(property.getName());
                property.readName(snake).writeName(snake);
            }
            property.propertySerialization(value -> true);
        }
    }

    public static String snakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
