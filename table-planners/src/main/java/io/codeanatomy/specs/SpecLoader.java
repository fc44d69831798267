package io.codeanatomy.specs;

import io.codeanatomy.delta.schema.TableSpec;
import io.codeanatomy.schema.CpgSchema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a relationship spec from JSON and validates it against the schema registry: every field
 * present and of its type, no field unknown, inputs naming CPG tables, join and edge columns naming
 * their columns. Errors name the spec and the field ({@code enclosed_by: join.on[1][0]: ...}).
 */
public final class SpecLoader {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The specs shipped in this jar (resources/specs). */
    public static final List<String> SHIPPED = List.of("enclosed_by");

    private SpecLoader() {
    }

    /** A shipped spec by name. */
    public static RelationshipSpec shipped(String name) {
        try (InputStream in = SpecLoader.class.getResourceAsStream("/specs/" + name + ".json")) {
            if (in == null) {
                throw new SpecException(name + ": no such shipped spec (" + SHIPPED + ")");
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), name + ".json");
        } catch (IOException e) {
            throw new SpecException(name + ": cannot read: " + e.getMessage());
        }
    }

    /** A spec from JSON text; {@code source} names it in errors until its name is known. */
    public static RelationshipSpec parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SpecException(source + ": not JSON: " + e.getOriginalMessage());
        }
        Reader r = new Reader(source);
        r.object(root, "", Set.of("name", "description", "emits", "inputs", "join", "edge"));
        String name = r.text(root, "name");
        r = new Reader(name);
        JsonNode emits = r.object(root.get("emits"), "emits", Set.of("kind", "origin", "confidence"));
        double confidence = r.number(emits, "emits.confidence");
        if (confidence < 0 || confidence > 1) {
            throw r.error("emits.confidence", "must be in [0, 1], is " + confidence);
        }
        JsonNode inputsNode = r.object(root.get("inputs"), "inputs", null);
        Map<String, RelationshipSpec.Input> inputs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = inputsNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = "inputs." + e.getKey();
            JsonNode in = r.object(e.getValue(), at, Set.of("table", "where"));
            String table = r.text(in, at + ".table");
            if (table(table) == null) {
                throw r.error(at + ".table", "'" + table + "' is not a CPG table (" + CpgSchema.TABLES.tables().stream().map(TableSpec::name).toList() + ")");
            }
            inputs.put(e.getKey(), new RelationshipSpec.Input(table, in.has("where") ? r.text(in, at + ".where") : null));
        }
        JsonNode joinNode = r.object(root.get("join"), "join", Set.of("left", "right", "on", "span", "keep"));
        String left = r.input(inputs, r.text(joinNode, "join.left"), "join.left");
        String right = r.input(inputs, r.text(joinNode, "join.right"), "join.right");
        List<List<String>> on = new ArrayList<>();
        JsonNode onNode = joinNode.get("on");
        if (onNode == null || !onNode.isArray() || onNode.isEmpty()) {
            throw r.error("join.on", "needs at least one [left column, right column] pair");
        }
        for (int i = 0; i < onNode.size(); i++) {
            JsonNode pair = onNode.get(i);
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual() || !pair.get(1).isTextual()) {
                throw r.error("join.on[" + i + "]", "must be [left column, right column]");
            }
            r.column(inputs.get(left), pair.get(0).asText(), "join.on[" + i + "][0]");
            r.column(inputs.get(right), pair.get(1).asText(), "join.on[" + i + "][1]");
            on.add(List.of(pair.get(0).asText(), pair.get(1).asText()));
        }
        RelationshipSpec.Span span = r.choice(RelationshipSpec.Span.class, joinNode, "span", "join.span", RelationshipSpec.Span.NONE);
        RelationshipSpec.Keep keep = r.choice(RelationshipSpec.Keep.class, joinNode, "keep", "join.keep", RelationshipSpec.Keep.ALL);
        if (span != RelationshipSpec.Span.NONE || keep == RelationshipSpec.Keep.NEAREST) {
            for (String input : List.of(left, right)) {
                r.column(inputs.get(input), "bstart", "join.span (input " + input + ")");
                r.column(inputs.get(input), "bend", "join.span (input " + input + ")");
            }
        }
        JsonNode edgeNode = r.object(root.get("edge"), "edge", Set.of("src", "dst"));
        String src = r.column(inputs.get(left), r.text(edgeNode, "edge.src"), "edge.src");
        String dst = r.column(inputs.get(right), r.text(edgeNode, "edge.dst"), "edge.dst");
        r.column(inputs.get(left), "repo", "inputs." + left + " (the edge's owner)");
        r.column(inputs.get(left), "path", "inputs." + left + " (the edge's owner)");
        return new RelationshipSpec(name, root.has("description") ? r.text(root, "description") : "",
                new RelationshipSpec.Emits(r.text(emits, "emits.kind"), r.text(emits, "emits.origin"), confidence),
                inputs, new RelationshipSpec.Join(left, right, on, span, keep), new RelationshipSpec.Edge(src, dst));
    }

    static TableSpec table(String name) {
        for (TableSpec t : CpgSchema.TABLES.tables()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** Field access that fails naming the spec and the field. */
    private record Reader(String spec) {
        SpecException error(String field, String message) {
            return new SpecException(spec + ": " + field + ": " + message);
        }

        JsonNode object(JsonNode node, String field, Set<String> allowed) {
            if (node == null || !node.isObject()) {
                throw error(field.isEmpty() ? "(top level)" : field, "must be an object");
            }
            if (allowed != null) {
                for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                    String f = it.next();
                    if (!allowed.contains(f)) {
                        throw error(field.isEmpty() ? f : field + "." + f, "unknown field (known: " + allowed + ")");
                    }
                }
            }
            return node;
        }

        String text(JsonNode parent, String field) {
            JsonNode v = parent.get(field.substring(field.lastIndexOf('.') + 1));
            if (v == null || !v.isTextual() || v.asText().isBlank()) {
                throw error(field, "must be a non-empty string");
            }
            return v.asText();
        }

        double number(JsonNode parent, String field) {
            JsonNode v = parent.get(field.substring(field.lastIndexOf('.') + 1));
            if (v == null || !v.isNumber()) {
                throw error(field, "must be a number");
            }
            return v.asDouble();
        }

        String input(Map<String, RelationshipSpec.Input> inputs, String name, String field) {
            if (!inputs.containsKey(name)) {
                throw error(field, "'" + name + "' is not an input (" + inputs.keySet() + ")");
            }
            return name;
        }

        String column(RelationshipSpec.Input input, String column, String field) {
            TableSpec t = table(input.table());
            if (t.columns().stream().noneMatch(c -> c.name().equals(column))) {
                throw error(field, input.table() + " has no column '" + column + "'");
            }
            return column;
        }

        <E extends Enum<E>> E choice(Class<E> type, JsonNode parent, String key, String field, E fallback) {
            JsonNode v = parent.get(key);
            if (v == null) {
                return fallback;
            }
            try {
                return Enum.valueOf(type, v.asText().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw error(field, "'" + v.asText() + "' is not one of " + java.util.Arrays.stream(type.getEnumConstants())
                        .map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
            }
        }
    }
}
