package io.codeanatomy.job.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The launcher's look at a command's arguments before the command parses them (it does so in the
 * child JVM): the values given to one option, as {@code --NAME VALUE} or {@code --NAME=VALUE}.
 */
final class RawArgs {
    private RawArgs() {
    }

    static List<String> values(String[] args, String name) {
        String option = "--" + name;
        List<String> values = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(option) && i + 1 < args.length) {
                values.add(args[++i]);
            } else if (args[i].startsWith(option + "=")) {
                values.add(args[i].substring(option.length() + 1));
            }
        }
        return values;
    }
}
