package io.codeanatomy.job.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A command line parsed against its {@link OptionSpec}s: unknown options, missing values and
 * repeated single options are usage errors naming the option.
 */
public final class ParsedOptions {
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    public static ParsedOptions parse(String command, List<OptionSpec> specs, String[] args) {
        Map<String, OptionSpec> byName = new LinkedHashMap<>();
        for (OptionSpec s : specs) {
            byName.put(s.name(), s);
        }
        ParsedOptions parsed = new ParsedOptions();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new UsageException(command + ": unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            OptionSpec spec = byName.get(name);
            if (spec == null) {
                throw new UsageException(command + ": unknown option --" + name);
            }
            String value = "true";
            if (spec.takesValue()) {
                if (inline != null) {
                    value = inline;
                } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    value = args[++i];
                } else {
                    throw new UsageException(command + ": option --" + name + " needs a value (" + spec.valueName() + ")");
                }
            } else if (inline != null) {
                throw new UsageException(command + ": option --" + name + " takes no value");
            }
            List<String> list = parsed.values.computeIfAbsent(name, k -> new ArrayList<>());
            if (!spec.repeatable() && !list.isEmpty()) {
                throw new UsageException(command + ": option --" + name + " given twice");
            }
            list.add(value);
        }
        return parsed;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Optional<String> get(String name) {
        List<String> v = values.get(name);
        return v == null ? Optional.empty() : Optional.of(v.get(0));
    }

    public String required(String command, String name) {
        return get(name).orElseThrow(() -> new UsageException(command + ": missing required option --" + name));
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public <T> T convert(String name, T fallback, Function<String, T> parser) {
        Optional<String> raw = get(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            return parser.apply(raw.get());
        } catch (RuntimeException e) {
            throw new UsageException("--" + name + " " + raw.get() + ": " + e.getMessage());
        }
    }

    public static String usage(String synopsis, String description, List<OptionSpec> specs) {
        StringBuilder sb = new StringBuilder("Usage: ").append(synopsis).append("\n\n").append(description).append("\n\nOptions:\n");
        int width = specs.stream().mapToInt(s -> s.synopsis().length()).max().orElse(10) + 2;
        for (OptionSpec s : specs) {
            sb.append("  ").append(String.format("%-" + width + "s", s.synopsis())).append(s.help()).append('\n');
        }
        return sb.toString();
    }
}
