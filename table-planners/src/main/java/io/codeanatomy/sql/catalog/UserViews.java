package io.codeanatomy.sql.catalog;

import io.codeanatomy.delta.kernel.HadoopConf;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.flink.table.api.Schema;
import org.apache.flink.table.catalog.CatalogView;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedCatalogView;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The views users create in the catalog, kept in the warehouse ({@code _catalog/views/DATABASE/NAME.json}:
 * the query as typed and as expanded, the comment, and each column's serialized type), so that every
 * session on the warehouse, and every later one, sees them. Delta readers ignore the directory.
 */
final class UserViews {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String warehouse;
    private final String database;

    UserViews(String warehouse, String database) {
        this.warehouse = warehouse;
        this.database = database;
    }

    private Path dir() {
        String root = warehouse.endsWith("/") ? warehouse : warehouse + "/";
        return new Path(URI.create(root + "_catalog/views/" + database));
    }

    private FileSystem fs() throws IOException {
        return FileSystem.newInstance(dir().toUri(), HadoopConf.create());
    }

    List<String> names() {
        List<String> out = new ArrayList<>();
        try (FileSystem fs = fs()) {
            if (!fs.exists(dir())) {
                return out;
            }
            for (FileStatus f : fs.listStatus(dir())) {
                String name = f.getPath().getName();
                if (name.endsWith(".json")) {
                    out.add(name.substring(0, name.length() - ".json".length()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the views under " + dir(), e);
        }
        out.sort(String::compareTo);
        return out;
    }

    Optional<CatalogView> get(String name) {
        Path file = new Path(dir(), name + ".json");
        try (FileSystem fs = fs(); FSDataInputStream in = fs.open(file)) {
            JsonNode v = JSON.readTree(in);
            Schema.Builder schema = Schema.newBuilder();
            for (JsonNode c : v.get("columns")) {
                schema.column(c.get("name").asText(), c.get("type").asText());
                if (c.hasNonNull("comment")) {
                    schema.withComment(c.get("comment").asText());
                }
            }
            return Optional.of(CatalogView.of(schema.build(), v.path("comment").asText(null), v.get("original").asText(),
                    v.get("expanded").asText(), Map.of()));
        } catch (FileNotFoundException missing) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the view " + file + " (a damaged view file: delete it to drop the view)", e);
        }
    }

    void put(String name, ResolvedCatalogView view) {
        ObjectNode v = JSON.createObjectNode();
        v.put("name", name);
        v.put("comment", view.getComment());
        v.put("original", view.getOriginalQuery());
        v.put("expanded", view.getExpandedQuery());
        ArrayNode columns = v.putArray("columns");
        for (Column c : view.getResolvedSchema().getColumns()) {
            ObjectNode col = columns.addObject();
            col.put("name", c.getName());
            col.put("type", c.getDataType().getLogicalType().asSerializableString());
            c.getComment().ifPresent(comment -> col.put("comment", comment));
        }
        Path file = new Path(dir(), name + ".json");
        try (FileSystem fs = fs()) {
            fs.mkdirs(dir());
            try (FSDataOutputStream out = fs.create(file, true)) {
                out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(v).getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the view " + file, e);
        }
    }

    boolean remove(String name) {
        Path file = new Path(dir(), name + ".json");
        try (FileSystem fs = fs()) {
            return fs.delete(file, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the view " + file, e);
        }
    }
}
