package io.codeanatomy.job.cli;

import io.codeanatomy.job.index.IndexCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The child JVM's JIT and garbage collector, by command and by how much source it will read (measured
 * with bench/index-speed.sh; docs/speed.md and docs/decisions.md):
 *
 * <ul>
 *   <li>below {@value SourceSize#SMALL_BYTES} bytes of source, C1 only: a run of a few seconds spends more
 *       on C2 compiling than C2's code gives back (the quick start 11.7 → 8.0 s; at 3.9 MB C1 is slower),
 *       and compiling at half the usual invocation counts ({@link #C1_EARLY}): the quick start's code
 *       runs interpreted for less of its short life (faster in 8 of 10 interleaved rounds, medians
 *       4.25 against 4.42 s and 4.32 against 4.71 s; 110 files, 1.9 MB: faster in 3 of 3; docs/speed.md,
 *       session 27; later compilation, 2× and 4×, had been no faster in session 26);
 *   <li>above, C2 with smaller inlining bounds and later compilation ({@link #C2_FLAGS});
 *   <li>for {@code index}, a batch run, the parallel collector: 0.90–0.96× the wall and CPU of G1 on
 *       the standard library, and 0.8× the peak; below {@value SourceSize#SMALL_BYTES} bytes the serial
 *       one, which keeps the heap it starts with instead of growing it (the quick start 0.97× the wall,
 *       0.8× the peak: new pages are expensive on a virtual machine; docs/speed.md, session 26);
 *       {@code watch} keeps G1's short pauses for its latency;
 *   <li>for {@code index}, transparent huge pages for the heap where the kernel offers them on request
 *       ({@code madvise}): half the page faults, which are expensive on a virtual machine, the quick
 *       start 0.90× and the standard library 0.96× the wall (docs/speed.md, session 25). Where the
 *       kernel gives them to every process ({@code always}) or never, the flag would add nothing or a
 *       warning.
 * </ul>
 *
 * A flag the user gave for the same setting wins: ours is then left out.
 */
final class ChildJvmTuning {
    static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
    static final String C1_EARLY = "-XX:CompileThresholdScaling=0.5";
    static final String BATCH_GC = "-XX:+UseParallelGC";
    static final String SMALL_BATCH_GC = "-XX:+UseSerialGC";
    static final String HUGE_PAGES = "-XX:+UseTransparentHugePages";
    /** Where Linux says whether it gives transparent huge pages always, on request ({@code madvise}) or never. */
    static final Path HUGE_PAGES_MODE = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    /** HotSpot settings for a CPU-bound run of more than a few seconds on few cores. */
    static final List<String> C2_FLAGS = List.of(
            "-XX:InlineSmallCode=500", "-XX:MaxInlineSize=20", "-XX:FreqInlineSize=100",
            "-XX:Tier4InvocationThreshold=15000", "-XX:Tier4MinInvocationThreshold=2000",
            "-XX:Tier4CompileThreshold=45000", "-XX:Tier4BackEdgeThreshold=120000");

    private ChildJvmTuning() {
    }

    /** {@code sourceBytes}: of the local repositories the command reads, when known. */
    static List<String> flags(String command, OptionalLong sourceBytes, List<String> userFlags) {
        return flags(command, sourceBytes, userFlags, hugePagesOnRequest(HUGE_PAGES_MODE));
    }

    /** The same on a kernel that does or does not offer transparent huge pages on request. */
    static List<String> flags(String command, OptionalLong sourceBytes, List<String> userFlags, boolean hugePagesOnRequest) {
        List<String> flags = new ArrayList<>();
        boolean userJit = userFlags.stream().anyMatch(f -> f.startsWith("-XX:TieredStopAtLevel=") || f.equals("-Xint")
                || f.startsWith("-XX:-TieredCompilation") || f.startsWith("-XX:+TieredCompilation"));
        boolean index = command.equals(IndexCommand.NAME);
        boolean small = index && sourceBytes.isPresent() && sourceBytes.getAsLong() < SourceSize.SMALL_BYTES;
        if (small) {
            if (!userJit) {
                flags.add(C1_ONLY);
                if (userFlags.stream().noneMatch(f -> f.startsWith("-XX:CompileThresholdScaling="))) {
                    flags.add(C1_EARLY);
                }
            }
        } else {
            for (String flag : C2_FLAGS) {
                String name = flag.substring(0, flag.indexOf('=') + 1);
                if (userFlags.stream().noneMatch(f -> f.startsWith(name))) {
                    flags.add(flag);
                }
            }
        }
        if (index && userFlags.stream().noneMatch(f -> f.startsWith("-XX:+Use") && f.endsWith("GC"))) {
            flags.add(small ? SMALL_BATCH_GC : BATCH_GC);
        }
        if (index && hugePagesOnRequest
                && userFlags.stream().noneMatch(f -> f.contains("TransparentHugePages") || f.contains("LargePages"))) {
            flags.add(HUGE_PAGES);
        }
        return flags;
    }

    /** Whether the kernel's mode, as {@code mode} holds it ("always [madvise] never"), is {@code madvise}. */
    static boolean hugePagesOnRequest(Path mode) {
        try {
            return Files.readString(mode).contains("[madvise]");
        } catch (IOException | RuntimeException unreadable) {
            return false; // not Linux, or not told: the JVM's default
        }
    }
}
