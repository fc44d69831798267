package io.codeanatomy.resolve;

import io.codeanatomy.align.FileVersionDone;
import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.cpg.RepoHeadRows;
import io.codeanatomy.source.CommitMarker;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keyed by repository: writes the repository's {@code repo_heads} row for a commit only once the rows
 * of every file change of that commit are out, and the commit's cross-file edges right before it, so
 * a table version that shows the commit holds all of it, whatever the layers' speed (a file waiting
 * in the align operator holds its commit back). The marker says how many file changes it closes; the
 * align operator says when each file version is done, with the file's link summary, which the
 * {@link CommitLinker} keeps.
 *
 * <p>A marker not newer than one already written (a replay) is dropped. A commit one of whose files
 * was superseded by a later commit before its rows went out never completes; the later commit's
 * marker writes the head instead, and everything older is forgotten, so state stays small.
 */
public final class RepoHeadFunction extends KeyedCoProcessFunction<String, CommitMarker, FileVersionDone, OwnedRows> {
    private static final long serialVersionUID = 1L;

    private transient ValueState<Long> emitted;
    private transient ValueState<Long> emittedFileVersion;
    private transient MapState<Long, CommitMarker> waiting;
    private transient MapState<Long, Integer> done;
    private final CommitLinker linker;

    /** No warehouse to start from and the default search roots (tests). */
    public RepoHeadFunction() {
        this(new CommitLinker(PriorLinks.NONE, List.of()));
    }

    public RepoHeadFunction(CommitLinker linker) {
        this.linker = linker;
    }

    @Override
    public void open(OpenContext context) {
        emitted = getRuntimeContext().getState(new ValueStateDescriptor<>("emitted-commit-version", Types.LONG));
        emittedFileVersion = getRuntimeContext().getState(new ValueStateDescriptor<>("emitted-file-version", Types.LONG));
        waiting = getRuntimeContext().getMapState(new MapStateDescriptor<>("waiting-markers", Types.LONG,
                TypeInformation.of(CommitMarker.class)));
        done = getRuntimeContext().getMapState(new MapStateDescriptor<>("done-files", Types.LONG, Types.INT));
        linker.open(getRuntimeContext());
    }

    @Override
    public void processElement1(CommitMarker marker, Context ctx, Collector<OwnedRows> out) throws Exception {
        linker.ensureLoaded(marker.repo);
        Long written = emitted.value();
        if (written != null && marker.version <= written) {
            return;
        }
        waiting.put(marker.fileVersion, marker);
        complete(marker.fileVersion, out);
    }

    @Override
    public void processElement2(FileVersionDone file, Context ctx, Collector<OwnedRows> out) throws Exception {
        linker.ensureLoaded(file.repo);
        linker.fileDone(file); // even for a commit given up: its file's newest version is what the tables hold
        Long past = emittedFileVersion.value();
        if (past != null && file.version <= past) {
            // A file of a commit already written or given up (a later commit's marker wrote the head
            // while this file was still on its way): no head waits for it, but its rows are new, so
            // the cross-file edges it changes go out now rather than with some later commit.
            linker.link(file.repo, out);
            return;
        }
        Integer n = done.get(file.version);
        done.put(file.version, n == null ? 1 : n + 1);
        complete(file.version, out);
    }

    private void complete(long fileVersion, Collector<OwnedRows> out) throws Exception {
        CommitMarker marker = waiting.get(fileVersion);
        Integer n = done.get(fileVersion);
        if (marker == null || (n == null ? 0 : n) < marker.files) {
            return;
        }
        linker.link(marker.repo, out);
        if (marker.commit != null) { // a plain directory's snapshot has no head to record
            out.collect(RepoHeadRows.of(marker));
        }
        emitted.update(marker.version);
        emittedFileVersion.update(fileVersion);
        forgetUpTo(waiting, fileVersion);
        forgetUpTo(done, fileVersion);
    }

    private static <V> void forgetUpTo(MapState<Long, V> state, long fileVersion) throws Exception {
        List<Long> old = new ArrayList<>();
        for (Map.Entry<Long, V> e : state.entries()) {
            if (e.getKey() <= fileVersion) {
                old.add(e.getKey());
            }
        }
        for (Long k : old) {
            state.remove(k);
        }
    }
}
