package io.codeanatomy.bench;

import io.codeanatomy.source.FileSelector;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The commits the watch latency benchmark makes on its git copy of the standard library, and which modules they touch. */
final class StdlibChanges {
    private static final PersonIdent AUTHOR_TEMPLATE = new PersonIdent("CodeAnatomy Bench", "bench@codeanatomy.invalid");

    private StdlibChanges() {
    }

    /** {@code n} different top-level modules of the repository (no leading underscore), spread evenly over their sorted list. */
    static List<String> modules(Path repoDir, FileSelector selector, int n) throws IOException {
        List<String> candidates;
        try (Stream<Path> list = Files.list(repoDir)) {
            candidates = list.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".py") && !f.startsWith("_") && selector.select(f).isPresent())
                    .sorted()
                    .collect(Collectors.toList());
        }
        if (candidates.size() < n) {
            throw new IllegalArgumentException(repoDir + " has only " + candidates.size() + " top-level modules, "
                    + n + " changes asked for");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(candidates.get((int) ((long) i * candidates.size() / n)));
        }
        return out;
    }

    /** How many files of the repository the selector indexes. */
    static long countSelected(Path repoDir, FileSelector selector) throws IOException {
        try (Stream<Path> walk = Files.walk(repoDir)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> repoDir.relativize(p).toString().replace(File.separatorChar, '/'))
                    .filter(p -> !p.startsWith(".git/") && selector.select(p).isPresent())
                    .count();
        }
    }

    /** Appends a small function to {@code path} and commits it; the time is taken right after the commit returns. */
    static TimedChange commit(Git git, Path repoDir, String path, String run, int index) throws Exception {
        String name = "_codeanatomy_bench_" + run + "_" + index;
        String function = "\n\ndef " + name + "(values, scale=1):\n"
                + "    \"\"\"Added by the watch latency benchmark.\"\"\"\n"
                + "    total = 0\n"
                + "    for value in values:\n"
                + "        total += value * scale\n"
                + "    return total\n";
        Path file = repoDir.resolve(path);
        Files.write(file, function.getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        TimedChange c = new TimedChange();
        c.path = path;
        c.content = Files.readAllBytes(file);
        long before = System.nanoTime();
        git.add().addFilepattern(path).call();
        PersonIdent who = new PersonIdent(AUTHOR_TEMPLATE, System.currentTimeMillis(), 0);
        c.commit = git.commit().setMessage("bench: " + name + " in " + path).setAuthor(who).setCommitter(who)
                .setSign(false).call().name();
        c.committedAt = System.currentTimeMillis();
        c.commitCallMs = (System.nanoTime() - before) / 1_000_000;
        return c;
    }
}
