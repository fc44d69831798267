package io.codeanatomy.source.reader;

import io.codeanatomy.source.FileSelector;
import io.codeanatomy.source.SourceRecord;
import io.codeanatomy.source.split.RepoSplit;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The reader of a real git repository, restored with its split in the middle of a commit before the
 * enumerator's head has reached it (a failover: the coordinator's event may come later, or be lost and
 * resent): it finishes the commit. It threw a NullPointerException at the commit's marker, every
 * restart again (SessionClusterTest's watch failed 100 restarts in a row on it).
 */
class GitChangeReaderTest {
    @TempDir
    Path dir;

    @Test
    void aSplitRestoredMidCommitFinishesItWithoutTheEnumeratorsHead() throws Exception {
        String commit;
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            Files.writeString(dir.resolve("a.py"), "a = 1\n");
            Files.writeString(dir.resolve("b.py"), "b = 2\n");
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("t", "t@codeanatomy.invalid");
            commit = git.commit().setMessage("c1").setAuthor(who).setCommitter(who).call().getName();
        }
        RepoSplit restored = RepoSplit.start("repo", dir.toString(), "main", null, 0, List.of())
                .targeting(commit, System.currentTimeMillis()).at(1); // a.py emitted before the checkpoint

        GitChangeReader reader = new GitChangeReader(new Context(), FileSelector.defaults());
        reader.addSplits(List.of(restored));
        Collected out = new Collected();
        for (int i = 0; i < 10 && reader.pollNext(out) == InputStatus.MORE_AVAILABLE; i++) {
            // until the commit is finished
        }
        reader.close();
        List<String> emitted = new ArrayList<>();
        for (SourceRecord r : out.records) {
            emitted.add(r.marker != null ? "marker " + r.marker.commit : r.file.path);
        }
        assertEquals(List.of("b.py", "marker " + commit), emitted);
    }

    private static final class Context implements SourceReaderContext {
        @Override
        public SourceReaderMetricGroup metricGroup() {
            return UnregisteredMetricsGroup.createSourceReaderMetricGroup();
        }

        @Override
        public Configuration getConfiguration() {
            return new Configuration();
        }

        @Override
        public String getLocalHostName() {
            return "localhost";
        }

        @Override
        public int getIndexOfSubtask() {
            return 0;
        }

        @Override
        public void sendSplitRequest() {
        }

        @Override
        public void sendSourceEventToCoordinator(SourceEvent sourceEvent) {
        }

        @Override
        public UserCodeClassLoader getUserCodeClassLoader() {
            return SimpleUserCodeClassLoader.create(getClass().getClassLoader());
        }
    }

    private static final class Collected implements ReaderOutput<SourceRecord> {
        final List<SourceRecord> records = new ArrayList<>();

        @Override
        public void collect(SourceRecord record) {
            records.add(record);
        }

        @Override
        public void collect(SourceRecord record, long timestamp) {
            records.add(record);
        }

        @Override
        public void emitWatermark(Watermark watermark) {
        }

        @Override
        public void markIdle() {
        }

        @Override
        public void markActive() {
        }

        @Override
        public SourceOutput<SourceRecord> createOutputForSplit(String splitId) {
            return this;
        }

        @Override
        public void releaseOutputForSplit(String splitId) {
        }
    }
}
