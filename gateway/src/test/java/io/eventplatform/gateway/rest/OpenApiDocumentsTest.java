package io.eventplatform.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

class OpenApiDocumentsTest {

    @Test
    void aSchemaNameTwoServicesUseForDifferentSchemasIsRenamedWithItsReferences() {
        JsonObject org = document("/api/organizations", "Create", new JsonObject().put("properties", new JsonObject().put("slug", string())));
        JsonObject registration = document("/api/registrations", "Create", new JsonObject().put("properties", new JsonObject().put("ticket_type_id", string())));
        JsonObject sameShared = document("/api/events", "Create", new JsonObject().put("properties", new JsonObject().put("slug", string())));
        Map<String, JsonObject> documents = new LinkedHashMap<>();
        documents.put("org-service", org);
        documents.put("registration-service", registration);
        documents.put("event-service", sameShared);
        documents.put("analytics-service", null);

        JsonObject combined = OpenApiDocuments.combine(documents, "API", "1.0.0");

        JsonObject schemas = combined.getJsonObject("components").getJsonObject("schemas");
        assertEquals(org.getJsonObject("components").getJsonObject("schemas").getJsonObject("Create"), schemas.getJsonObject("Create"));
        assertEquals(registration.getJsonObject("components").getJsonObject("schemas").getJsonObject("Create"),
                schemas.getJsonObject("registration-service.Create"));
        assertFalse(schemas.containsKey("event-service.Create"), "an identical schema keeps its shared name");
        assertEquals("#/components/schemas/registration-service.Create", ref(combined, "/api/registrations"));
        assertEquals("#/components/schemas/Create", ref(combined, "/api/organizations"));
        assertEquals("#/components/schemas/Create", ref(combined, "/api/events"));
        assertEquals(new JsonArray().add("analytics-service"), combined.getJsonArray("x-unavailable-services"));
    }

    private static JsonObject document(String path, String schemaName, JsonObject schema) {
        JsonObject body = new JsonObject().put("content", new JsonObject().put("application/json",
                new JsonObject().put("schema", new JsonObject().put("$ref", "#/components/schemas/" + schemaName))));
        return new JsonObject()
                .put("paths", new JsonObject().put(path, new JsonObject().put("post", new JsonObject().put("requestBody", body))))
                .put("components", new JsonObject().put("schemas", new JsonObject().put(schemaName, schema)));
    }

    private static String ref(JsonObject combined, String path) {
        return combined.getJsonObject("paths").getJsonObject(path).getJsonObject("post").getJsonObject("requestBody")
                .getJsonObject("content").getJsonObject("application/json").getJsonObject("schema").getString("$ref");
    }

    private static JsonObject string() {
        return new JsonObject().put("type", "string");
    }
}
