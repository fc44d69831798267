package io.codeanatomy.source.split;

/**
 * A path the tables already hold rows for, with the commit those rows name: the one commit every
 * table agrees on, or null when they disagree or {@code files} lacks the path (a checkpoint stopped
 * between two tables' commits left it half replaced). A resumed watch re-reads the paths whose
 * commit the warehouse never made visible; a listing from nothing deletes those the head lacks.
 */
public record PriorPath(String path, String commit) implements java.io.Serializable {
    /** A path whose rows name no single commit the warehouse can vouch for. */
    public static PriorPath unsettled(String path) {
        return new PriorPath(path, null);
    }
}
