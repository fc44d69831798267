package io.codeanatomy.extract.treesitter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The fast tree-sitter path: tree-sitter's core and the Python grammar built with -O2 during the
 * build ({@code operators/src/main/native}), reached through one JNI call per file that returns the
 * whole tree as flat ints ({@link FlatTree}). Each call makes and frees its own parser and tree, so
 * no native object outlives it or is shared between threads.
 *
 * <p>Where the library is missing (no C compiler at build time, another platform), fails to load,
 * or disagrees with the stock bindings' grammar tables, {@link #loaded()} is empty, one warning says
 * why, and callers use the stock bindings: slower, same rows. {@value #DISABLE_PROPERTY}{@code =false}
 * turns the fast path off (benchmarks compare both).
 */
public final class NativeTreeSitter {
    private static final Logger LOG = LoggerFactory.getLogger(NativeTreeSitter.class);

    /** System property that turns the fast path off when set to {@code false}. */
    public static final String DISABLE_PROPERTY = "codeanatomy.treesitter.native";

    private static final String LIBRARY = "codeanatomy-treesitter";

    private static final Optional<NativeTreeSitter> LOADED = load();

    private final String[] symbols;
    private final String[] fields;

    private NativeTreeSitter(String[] symbols, String[] fields) {
        this.symbols = symbols;
        this.fields = fields;
    }

    /** The fast path, when this process has it. */
    public static Optional<NativeTreeSitter> loaded() {
        return LOADED;
    }

    /**
     * Parses Python source bytes (offsets are byte offsets into them, whatever the encoding) and
     * returns the tree, or {@code null} when tree-sitter returned none.
     */
    public FlatTree parsePython(byte[] source) {
        int[] flat = parsePython0(source);
        return flat == null ? null : new FlatTree(flat);
    }

    /**
     * Whether this library's grammar has exactly these symbols (name and namedness) and fields, by id:
     * the flat trees carry ids, which the caller names with the stock bindings' tables.
     */
    public boolean sameGrammar(String[] symbolNames, boolean[] regular, String[] fieldNames) {
        if (symbols.length != symbolNames.length || fields.length != fieldNames.length) {
            return false;
        }
        for (int s = 0; s < symbols.length; s++) {
            String expected = (regular[s] ? "" : "!") + symbolNames[s];
            if (!symbols[s].equals(expected)) {
                return false;
            }
        }
        for (int f = 1; f < fields.length; f++) {
            if (!fields[f].equals(fieldNames[f])) {
                return false;
            }
        }
        return true;
    }

    private static Optional<NativeTreeSitter> load() {
        if ("false".equalsIgnoreCase(System.getProperty(DISABLE_PROPERTY))) {
            LOG.info("fast tree-sitter path off ({}=false): using the stock bindings", DISABLE_PROPERTY);
            return Optional.empty();
        }
        String platform = platform();
        String file = System.mapLibraryName(LIBRARY);
        String resource = libraryResource();
        try (InputStream in = NativeTreeSitter.class.getResourceAsStream(resource)) {
            if (in == null) {
                LOG.warn("no fast tree-sitter library for {} in this build ({} missing: was a C compiler present?);"
                        + " using the stock bindings (about 3x slower parsing, same rows)", platform, resource);
                return Optional.empty();
            }
            // A copy per load: a library can belong to one class loader only, and Flink gives each job its own.
            Path copy = Files.createTempFile("codeanatomy-treesitter-", "-" + file);
            try {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                System.load(copy.toAbsolutePath().toString());
            } finally {
                Files.deleteIfExists(copy); // mapped already; nothing left behind if the JVM dies
            }
            NativeTreeSitter loaded = new NativeTreeSitter(pythonSymbols(), pythonFields());
            LOG.info("fast tree-sitter path loaded ({}, {} symbols)", platform, loaded.symbols.length);
            return Optional.of(loaded);
        } catch (IOException | UnsatisfiedLinkError | SecurityException e) {
            LOG.warn("cannot load the fast tree-sitter library {} ({}); using the stock bindings (slower, same rows)",
                    resource, e.toString());
            return Optional.empty();
        }
    }

    /** Where the build puts the library for this platform in the jar (operators/src/main/native/build.sh). */
    public static String libraryResource() {
        return "/io/codeanatomy/native/" + platform() + "/" + System.mapLibraryName(LIBRARY);
    }

    /** {@code <os>-<arch>} as the build names its output directory ({@code uname -s}, {@code uname -m}). */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String osName = os.startsWith("mac") || os.startsWith("darwin") ? "darwin" : os.split("\\s+")[0];
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String archName = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "arm64", "aarch64" -> "aarch64";
            default -> arch;
        };
        return osName + "-" + archName;
    }

    @Override
    public String toString() {
        return "NativeTreeSitter" + Arrays.asList(platform(), symbols.length + " symbols");
    }

    private static native int[] parsePython0(byte[] source);

    private static native String[] pythonSymbols();

    private static native String[] pythonFields();
}
