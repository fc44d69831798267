package io.codeanatomy.job.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * One command-line option: its name, whether it takes a value (and may repeat), and its help text.
 *
 * @param valueName what the value is, e.g. {@code PATH}; null for a flag
 */
public record OptionSpec(String name, String valueName, boolean repeatable, String help) {

    public static OptionSpec flag(String name, String help) {
        return new OptionSpec(name, null, false, help);
    }

    public static OptionSpec value(String name, String valueName, String help) {
        return new OptionSpec(name, valueName, false, help);
    }

    public static OptionSpec repeated(String name, String valueName, String help) {
        return new OptionSpec(name, valueName, true, help);
    }

    boolean takesValue() {
        return valueName != null;
    }

    String synopsis() {
        return "--" + name + (takesValue() ? " " + valueName : "") + (repeatable ? " ..." : "");
    }

    /** Several option lists as one, in order. */
    @SafeVarargs
    public static List<OptionSpec> concat(List<OptionSpec>... lists) {
        List<OptionSpec> all = new ArrayList<>();
        for (List<OptionSpec> l : lists) {
            all.addAll(l);
        }
        return List.copyOf(all);
    }
}
