package io.codeanatomy.job.cli;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * The module access this JVM runs with: its {@code --add-opens}/{@code --add-exports} flags and,
 * under {@code java -jar}, its jar manifest's {@code Add-Opens}/{@code Add-Exports} (which only
 * {@code java -jar} applies). A JVM this one starts with {@code -cp} (the child JVM, the SQL client)
 * needs them as flags, or Flink fails where it reflects on JDK classes.
 */
public final class JarModuleAccess {
    private JarModuleAccess() {
    }

    /** Flags for a JVM started with the same class path: this JVM's own and its jar manifest's. */
    public static List<String> ofThisJvm() throws IOException {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String a : JvmArguments.ofThisJvm()) {
            if (a.startsWith("--add-opens") || a.startsWith("--add-exports")) {
                out.add(a);
            }
        }
        out.addAll(ofManifest());
        return new ArrayList<>(out);
    }

    /** The manifest's module access as flags, when this JVM runs from one jar (nothing otherwise). */
    static List<String> ofManifest() throws IOException {
        List<String> out = new ArrayList<>();
        String classPath = System.getProperty("java.class.path", "");
        if (classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
            return out;
        }
        try (JarFile jar = new JarFile(classPath)) {
            Attributes main = jar.getManifest() == null ? null : jar.getManifest().getMainAttributes();
            if (main == null) {
                return out;
            }
            for (String[] kind : new String[][] {{"Add-Opens", "--add-opens="}, {"Add-Exports", "--add-exports="}}) {
                String packages = main.getValue(kind[0]);
                if (packages != null) {
                    for (String p : packages.trim().split("\\s+")) {
                        out.add(kind[1] + p + "=ALL-UNNAMED");
                    }
                }
            }
        }
        return out;
    }
}
