package io.codeanatomy.delta.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the actions of one Delta commit file ({@code _delta_log/<version>.json}) straight from the
 * protocol's JSON, for what Kernel has no API for: who wrote a version, and which files it added.
 */
public final class CommitFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CommitFiles() {
    }

    /** The actions of a version, one JSON object each; a FileNotFoundException once log cleanup removed it. */
    public static List<JsonNode> actions(String tablePath, long version) throws IOException {
        Path commit = new Path(URI.create(tablePath + "/_delta_log/" + String.format("%020d.json", version)));
        List<JsonNode> actions = new ArrayList<>();
        try (FileSystem fs = FileSystem.newInstance(commit.toUri(), HadoopConf.create());
             FSDataInputStream in = fs.open(commit);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                actions.add(JSON.readTree(line));
            }
        }
        return actions;
    }
}
