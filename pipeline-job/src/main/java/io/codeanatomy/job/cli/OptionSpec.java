package io.codeanatomy.job.cli;

/** One command-line option: its name, whether it takes a value (and may repeat), and its help text. */
public final class OptionSpec {
    final String name;
    final String valueName;
    final boolean repeatable;
    final String help;

    private OptionSpec(String name, String valueName, boolean repeatable, String help) {
        this.name = name;
        this.valueName = valueName;
        this.repeatable = repeatable;
        this.help = help;
    }

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
    public static java.util.List<OptionSpec> concat(java.util.List<OptionSpec>... lists) {
        java.util.List<OptionSpec> all = new java.util.ArrayList<>();
        for (java.util.List<OptionSpec> l : lists) {
            all.addAll(l);
        }
        return java.util.List.copyOf(all);
    }
}
