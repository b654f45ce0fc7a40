package io.eventplatform.gateway.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Combines the services' OpenAPI documents into the one the gateway serves. Each service names its schemas on its own,
 * so a schema whose name another service already uses for a different schema is renamed {@code <service>.<name>},
 * with every reference to it in that service's document: a name never stands for two schemas.
 */
final class OpenApiDocuments {

    private static final String SCHEMA_REF = "\"#/components/schemas/";

    private OpenApiDocuments() {
    }

    /** @param documents each upstream's document by upstream name, null for an upstream that did not answer */
    static JsonObject combine(Map<String, JsonObject> documents, String title, String version) {
        JsonObject paths = new JsonObject();
        JsonObject schemas = new JsonObject();
        JsonObject securitySchemes = new JsonObject();
        JsonArray missing = new JsonArray();
        documents.forEach((service, document) -> {
            if (document == null) {
                missing.add(service);
                return;
            }
            JsonObject own = withUniqueSchemaNames(service, document, schemas);
            paths.mergeIn(own.getJsonObject("paths", new JsonObject()));
            JsonObject components = own.getJsonObject("components", new JsonObject());
            schemas.mergeIn(components.getJsonObject("schemas", new JsonObject()));
            securitySchemes.mergeIn(components.getJsonObject("securitySchemes", new JsonObject()));
        });
        JsonObject combined = new JsonObject()
                .put("openapi", "3.0.3")
                .put("info", new JsonObject().put("title", title).put("version", version))
                .put("servers", new JsonArray().add(new JsonObject().put("url", "/")))
                .put("paths", paths)
                .put("components", new JsonObject().put("schemas", schemas).put("securitySchemes", securitySchemes));
        if (!missing.isEmpty()) {
            combined.put("x-unavailable-services", missing);
        }
        return combined;
    }

    private static JsonObject withUniqueSchemaNames(String service, JsonObject document, JsonObject taken) {
        JsonObject schemas = document.getJsonObject("components", new JsonObject()).getJsonObject("schemas", new JsonObject());
        Map<String, String> renames = new LinkedHashMap<>();
        for (String name : schemas.fieldNames()) {
            if (taken.containsKey(name) && !taken.getValue(name).equals(schemas.getValue(name))) {
                renames.put(name, service + "." + name);
            }
        }
        if (renames.isEmpty()) {
            return document;
        }
        String text = document.encode();
        for (Map.Entry<String, String> rename : renames.entrySet()) {
            text = text.replace(SCHEMA_REF + rename.getKey() + "\"", SCHEMA_REF + rename.getValue() + "\"");
        }
        JsonObject renamed = new JsonObject(text);
        JsonObject renamedSchemas = renamed.getJsonObject("components").getJsonObject("schemas");
        for (String name : List.copyOf(renames.keySet())) {
            renamedSchemas.put(renames.get(name), renamedSchemas.remove(name));
        }
        return renamed;
    }
}
