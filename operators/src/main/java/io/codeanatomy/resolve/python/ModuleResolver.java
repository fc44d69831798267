package io.codeanatomy.resolve.python;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves imports against one repository's Python files the way Python's path finder does: part by
 * part, each part searched in the directories the previous one gave (the search roots, a regular
 * package's directory, or every portion of a namespace package), where a directory with
 * {@code __init__} is a regular package and ends the search, then a module file, and directories
 * without {@code __init__} are namespace portions merged across the directories searched. Where
 * Python would load a {@code .py}, a {@code .pyi} stub beside it is preferred (Pyright's rule). A
 * relative import is first made absolute from the importing module's package, as
 * {@code importlib.util.resolve_name} does.
 */
public final class ModuleResolver {
    private final Set<String> files;
    private final Set<String> dirs = new HashSet<>();
    private final List<String> roots;

    /** {@code pythonFiles}: repository-relative paths of the {@code .py} and {@code .pyi} files; {@code roots} from {@link SearchRoots}. */
    public ModuleResolver(Collection<String> pythonFiles, List<String> roots) {
        this.files = Set.copyOf(pythonFiles);
        this.roots = List.copyOf(roots);
        for (String f : files) {
            for (int slash = f.indexOf('/'); slash >= 0; slash = f.indexOf('/', slash + 1)) {
                dirs.add(f.substring(0, slash));
            }
        }
    }

    public List<String> roots() {
        return roots;
    }

    /**
     * The module name a file is imported by: its path below the search root that gives the shortest
     * name ({@code src/pkg/mod.py} is {@code pkg.mod} in a src layout), {@code __init__} naming its
     * package; empty when no root holds the file.
     */
    public Optional<String> moduleNameOf(String path) {
        String best = null;
        for (String root : roots) {
            String prefix = root.isEmpty() ? "" : root + "/";
            if (!path.startsWith(prefix)) {
                continue;
            }
            String rel = path.substring(prefix.length());
            int dot = rel.lastIndexOf('.');
            if (dot > rel.lastIndexOf('/')) {
                rel = rel.substring(0, dot);
            }
            if (rel.equals("__init__")) {
                continue; // the root itself is no package
            }
            if (rel.endsWith("/__init__")) {
                rel = rel.substring(0, rel.length() - "/__init__".length());
            }
            String name = rel.replace('/', '.');
            if (best == null || name.length() < best.length()) {
                best = name;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Where {@code spec}, imported by the file at {@code importer}, leads. */
    public ModuleTarget resolve(String importer, ImportSpec spec) {
        if (!spec.relative()) {
            return find(spec.parts()).<ModuleTarget>map(t -> t)
                    .orElseGet(() -> new ModuleTarget.External(String.join(".", spec.parts())));
        }
        Optional<String> absolute = absoluteName(importer, spec);
        if (absolute.isEmpty()) {
            return new ModuleTarget.Unresolved("relative import " + spec + " beyond the top-level package of " + importer);
        }
        List<String> parts = List.of(absolute.get().split("\\."));
        return find(parts).<ModuleTarget>map(t -> t)
                .orElseGet(() -> new ModuleTarget.Unresolved("no module " + absolute.get() + " for " + spec + " in " + importer));
    }

    /**
     * The submodule {@code from spec import name} may mean: Python takes the package's attribute first
     * and the submodule only when the package has no such attribute, which the linker decides from the
     * package's own bindings; this says whether a submodule of that name exists.
     */
    public Optional<ModuleTarget.InRepo> submodule(String importer, ImportSpec spec, String name) {
        ModuleTarget target = resolve(importer, spec.child(name));
        return target instanceof ModuleTarget.InRepo in ? Optional.of(in) : Optional.empty();
    }

    /** The absolute name of a relative spec, as {@code importlib.util.resolve_name} computes it; empty beyond the top. */
    Optional<String> absoluteName(String importer, ImportSpec spec) {
        Optional<String> module = moduleNameOf(importer);
        if (module.isEmpty()) {
            return Optional.empty();
        }
        boolean isPackage = importer.endsWith("/__init__.py") || importer.endsWith("/__init__.pyi");
        String pkg = isPackage ? module.get() : parentOf(module.get());
        List<String> bits = new ArrayList<>(pkg.isEmpty() ? List.of() : List.of(pkg.split("\\.")));
        if (bits.size() < spec.level()) {
            return Optional.empty();
        }
        List<String> base = bits.subList(0, bits.size() - (spec.level() - 1));
        List<String> parts = new ArrayList<>(base);
        parts.addAll(spec.parts());
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(".", parts));
    }

    private static String parentOf(String module) {
        int dot = module.lastIndexOf('.');
        return dot < 0 ? "" : module.substring(0, dot);
    }

    /** Python's path-finder walk over the search roots. */
    private Optional<ModuleTarget.InRepo> find(List<String> parts) {
        List<String> searched = roots;
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            boolean last = i == parts.size() - 1;
            String name = String.join(".", parts.subList(0, i + 1));
            ModuleTarget.InRepo found = null;
            List<String> portions = new ArrayList<>();
            for (String dir : searched) {
                String base = dir.isEmpty() ? part : dir + "/" + part;
                String init = firstFile(base + "/__init__.pyi", base + "/__init__.py");
                if (init != null) {
                    found = new ModuleTarget.InRepo(name, init, ModuleForm.PACKAGE);
                    searched = List.of(base);
                    break;
                }
                String module = firstFile(base + ".pyi", base + ".py");
                if (module != null) {
                    found = new ModuleTarget.InRepo(name, module, ModuleForm.MODULE);
                    break;
                }
                if (dirs.contains(base)) {
                    portions.add(base);
                }
            }
            if (found != null) {
                if (last) {
                    return Optional.of(found);
                }
                if (found.form() == ModuleForm.MODULE) {
                    return Optional.empty(); // a module has no submodules
                }
            } else if (!portions.isEmpty()) {
                if (last) {
                    return Optional.of(new ModuleTarget.InRepo(name, portions.get(0), ModuleForm.NAMESPACE));
                }
                searched = portions;
            } else {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private String firstFile(String preferred, String other) {
        return files.contains(preferred) ? preferred : files.contains(other) ? other : null;
    }
}
