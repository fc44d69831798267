package io.codeanatomy.migration;

import io.codeanatomy.migration.SourceStateSnapshots.State;
import io.codeanatomy.source.split.RepoSplit;
import io.codeanatomy.source.split.SnapshotSplit;

import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.codeanatomy.migration.SourceStateSnapshots.DIRECTORY_SPLIT;
import static io.codeanatomy.migration.SourceStateSnapshots.REPO_SPLIT;
import static io.codeanatomy.migration.SourceStateSnapshots.REPO_SPLIT_FRESH;
import static io.codeanatomy.migration.SourceStateSnapshots.SNAPSHOT;
import static io.codeanatomy.migration.SourceStateSnapshots.SNAPSHOT_SPLIT;
import static io.codeanatomy.migration.SourceStateSnapshots.STATES;
import static io.codeanatomy.migration.SourceStateSnapshots.WATCH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every source state a build committed under {@code src/test/resources/migration} is read by this
 * build's serializers at the version in its file name and gives the values {@link SourceStateSnapshots}
 * wrote; unknown versions and trailing bytes fail; restored enumerators hand out the same splits.
 */
class SourceStateMigrationTest {
    private static final Pattern FILE = Pattern.compile("(.+)-v(\\d+)\\.bin");

    @TestFactory
    Stream<DynamicTest> everyCommittedStateIsReadAtItsVersion() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(SourceStateSnapshots.DIR)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".bin")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no committed source states in " + SourceStateSnapshots.DIR.toAbsolutePath());
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Matcher m = FILE.matcher(file.getFileName().toString());
            assertTrue(m.matches(), "a state file is named <name>-v<version>.bin: " + file);
            State<?> state = STATES.stream().filter(s -> s.name().equals(m.group(1))).findFirst()
                    .orElseThrow(() -> new AssertionError("no expected value for " + file));
            assertEquals(state.value(), state.serializer().deserialize(Integer.parseInt(m.group(2)), Files.readAllBytes(file)));
        }));
    }

    @Test
    void everyStateHasACommittedFileAtTheCurrentVersion() {
        for (State<?> state : STATES) {
            Path file = SourceStateSnapshots.DIR.resolve(state.fileName(state.serializer().getVersion()));
            assertTrue(Files.exists(file), file + " is missing: run SourceStateSnapshots.main and commit the file");
        }
    }

    @Test
    void currentVersionRoundTrips() throws IOException {
        for (State<?> state : STATES) {
            assertEquals(state.value(), roundTrip(state), state.name());
        }
    }

    private static <T> T roundTrip(State<T> state) throws IOException {
        SimpleVersionedSerializer<T> s = state.serializer();
        return s.deserialize(s.getVersion(), s.serialize(state.value()));
    }

    @Test
    void anUnknownVersionFailsNamingIt() throws IOException {
        for (State<?> state : STATES) {
            IOException e = assertThrows(IOException.class, () -> state.serializer().deserialize(99, serialized(state)),
                    state.name());
            assertTrue(e.getMessage().contains("version 99"), e.getMessage());
        }
    }

    @Test
    void trailingBytesFail() throws IOException {
        for (State<?> state : STATES) {
            byte[] bytes = serialized(state);
            byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
            IOException e = assertThrows(IOException.class,
                    () -> state.serializer().deserialize(state.serializer().getVersion(), longer), state.name());
            assertTrue(e.getMessage().contains("trailing"), e.getMessage());
        }
    }

    private static <T> byte[] serialized(State<T> state) throws IOException {
        return state.serializer().serialize(state.value());
    }

    /** Format 1 (before the head version; no file of it was kept): laid out as that build wrote it. */
    @Test
    void snapshotSplitFormatOneGetsTheFirstHeadVersion() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF("repo-a");
            out.writeUTF("/srv/git/repo-a");
            out.writeBoolean(true);
            out.writeUTF("3333333333333333333333333333333333333333");
            out.writeInt(1);
            out.writeUTF("old/gone.py");
            out.writeInt(12);
        }
        assertEquals(new SnapshotSplit("repo-a", "/srv/git/repo-a", "3333333333333333333333333333333333333333",
                        List.of("old/gone.py"), 12, SnapshotSplit.FIRST_HEAD_VERSION),
                SNAPSHOT.getSplitSerializer().deserialize(1, bytes.toByteArray()));
    }

    @Test
    void gitChangeEnumeratorRestoredFromVersionOneHandsOutTheSameSplits() throws Exception {
        List<RepoSplit> state = WATCH.getEnumeratorCheckpointSerializer().deserialize(1,
                Files.readAllBytes(SourceStateSnapshots.DIR.resolve("git-change-enumerator-v1.bin")));
        Assignments<RepoSplit> assignments = new Assignments<>();
        SplitEnumerator<RepoSplit, List<RepoSplit>> enumerator = WATCH.restoreEnumerator(assignments.context(), state);
        assertEquals(List.of(REPO_SPLIT, REPO_SPLIT_FRESH), enumerator.snapshotState(1));
        enumerator.addReader(0);
        assertEquals(List.of(REPO_SPLIT, REPO_SPLIT_FRESH), assignments.splits);
        assertEquals(List.of(), enumerator.snapshotState(2));
    }

    @Test
    void snapshotEnumeratorRestoredFromVersionOneHandsOutTheSameSplits() throws Exception {
        List<SnapshotSplit> state = SNAPSHOT.getEnumeratorCheckpointSerializer().deserialize(1,
                Files.readAllBytes(SourceStateSnapshots.DIR.resolve("snapshot-enumerator-v1.bin")));
        Assignments<SnapshotSplit> assignments = new Assignments<>();
        SplitEnumerator<SnapshotSplit, List<SnapshotSplit>> enumerator = SNAPSHOT.restoreEnumerator(assignments.context(), state);
        for (int i = 0; i < 3; i++) {
            enumerator.handleSplitRequest(0, "localhost");
        }
        assertEquals(List.of(SNAPSHOT_SPLIT, DIRECTORY_SPLIT), assignments.splits);
        assertTrue(assignments.noMoreSplits);
    }

    /** An enumerator context with one registered reader (subtask 0) that records what it is given. */
    private static final class Assignments<S extends SourceSplit> {
        final List<S> splits = new ArrayList<>();
        boolean noMoreSplits;

        @SuppressWarnings("unchecked")
        SplitEnumeratorContext<S> context() {
            return (SplitEnumeratorContext<S>) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {SplitEnumeratorContext.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "registeredReaders" -> Map.of(0, new ReaderInfo(0, "localhost"));
                        case "currentParallelism" -> 1;
                        case "assignSplit" -> {
                            splits.add((S) args[0]);
                            yield null;
                        }
                        case "assignSplits" -> {
                            ((SplitsAssignment<S>) args[0]).assignment().values().forEach(splits::addAll);
                            yield null;
                        }
                        case "signalNoMoreSplits" -> {
                            noMoreSplits = true;
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }
}
