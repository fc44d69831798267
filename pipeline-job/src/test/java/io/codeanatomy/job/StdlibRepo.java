package io.codeanatomy.job;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;

/** A temporary git repository made of real files from this machine's Python standard library. */
public final class StdlibRepo implements AutoCloseable {
    private static Path stdlib;

    public final Path dir;
    private final Git git;
    private int commits;

    private StdlibRepo(Path dir, Git git) {
        this.dir = dir;
        this.git = git;
    }

    public static Path stdlib() throws IOException, InterruptedException {
        if (stdlib == null) {
            Process p = new ProcessBuilder("python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])")
                    .redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line = r.readLine();
                if (p.waitFor() != 0 || line == null) {
                    throw new IOException("python3 could not report its standard library: " + line);
                }
                stdlib = Path.of(line.trim());
            }
        }
        return stdlib;
    }

    /** Every .py file under the given standard-library directories, as stdlib-relative paths, sorted. */
    public static List<String> filesUnder(String... dirs) throws IOException, InterruptedException {
        List<String> out = new java.util.ArrayList<>();
        Path root = stdlib();
        for (String dir : dirs) {
            try (java.util.stream.Stream<Path> walk = Files.walk(root.resolve(dir))) {
                walk.filter(p -> p.toString().endsWith(".py") && !p.toString().contains("__pycache__"))
                        .forEach(p -> out.add(root.relativize(p).toString()));
            }
        }
        out.sort(String::compareTo);
        return out;
    }

    public static StdlibRepo create(Path dir, List<String> stdlibPaths) throws Exception {
        Files.createDirectories(dir);
        StdlibRepo repo = new StdlibRepo(dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
        for (String p : stdlibPaths) {
            repo.copy(p, p);
        }
        return repo;
    }

    public void copy(String stdlibPath, String repoPath) throws IOException, InterruptedException {
        Path target = dir.resolve(repoPath);
        Files.createDirectories(target.getParent());
        Files.copy(stdlib().resolve(stdlibPath), target, StandardCopyOption.REPLACE_EXISTING);
    }

    public void write(String repoPath, byte[] content) throws IOException {
        Path target = dir.resolve(repoPath);
        Files.createDirectories(target.getParent());
        Files.write(target, content);
    }

    public void delete(String repoPath) throws IOException {
        Files.delete(dir.resolve(repoPath));
    }

    /** Commits the work tree as it is (adds, edits and deletions), with a fixed author and time. */
    public String commit(String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        PersonIdent who = new PersonIdent("CodeAnatomy Test", "test@codeanatomy.invalid",
                Date.from(Instant.ofEpochSecond(1_700_000_000L + commits++)), TimeZone.getTimeZone("UTC"));
        RevCommit c = git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
        return c.name();
    }

    /** Rewrites history: the branch and the work tree go back to {@code commit} (a force push, as the watcher sees it). */
    public void resetHard(String commit) throws Exception {
        git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef(commit).call();
    }

    /** Deletes a file or a whole directory of the work tree. */
    public void deleteTree(String repoPath) throws IOException {
        try (java.util.stream.Stream<Path> walk = Files.walk(dir.resolve(repoPath))) {
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
