package io.codeanatomy.job;

import io.codeanatomy.job.cli.OptionSpec;
import io.codeanatomy.job.index.IndexCommand;
import io.codeanatomy.job.watch.WatchCommand;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The README documents the options `--help` prints, so the two cannot drift apart. */
class ReadmeOptionsTest {
    private static final Path README = Path.of("..", "README.md");

    @Test
    void theReadmeNamesEveryOptionOfIndexWatchAndSql() throws Exception {
        String readme = Files.readString(README).replace("\\|", "|"); // a | inside a table cell is escaped
        List<String> missing = new ArrayList<>();
        for (List<OptionSpec> options : List.of(IndexCommand.OPTIONS, WatchCommand.OPTIONS, io.codeanatomy.job.sql.SqlCommand.OPTIONS)) {
            for (OptionSpec o : options) {
                String named = "--" + o.name() + (o.valueName() == null ? "" : " " + o.valueName());
                if (!o.name().equals("help") && !readme.contains(named)) {
                    missing.add(named);
                }
            }
        }
        assertEquals(List.of(), missing, "options `codeanatomy index|watch|sql --help` prints that " + README + " does not name");
    }
}
