package io.codeanatomy.delta.record;

import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;

/** The source file that owns rows: a repository and a path inside it. */
public final class Owner implements Serializable, Comparable<Owner> {
    private static final long serialVersionUID = 1L;
    private static final Comparator<Owner> ORDER =
            Comparator.comparing(Owner::repo).thenComparing(Owner::path);

    private final String repo;
    private final String path;

    public Owner(String repo, String path) {
        this.repo = Objects.requireNonNull(repo, "repo");
        this.path = Objects.requireNonNull(path, "path");
    }

    public String repo() {
        return repo;
    }

    public String path() {
        return path;
    }

    @Override
    public int compareTo(Owner o) {
        return ORDER.compare(this, o);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Owner && ((Owner) o).repo.equals(repo) && ((Owner) o).path.equals(path);
    }

    @Override
    public int hashCode() {
        return repo.hashCode() * 31 + path.hashCode();
    }

    @Override
    public String toString() {
        return repo + ":" + path;
    }
}
