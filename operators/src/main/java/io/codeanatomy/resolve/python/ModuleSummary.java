package io.codeanatomy.resolve.python;

import java.util.List;
import java.util.SortedMap;

/**
 * What the cross-file linker needs of one Python file, computed from the file alone (its rows):
 *
 * <ul>
 *   <li>{@code imports}: every import of the file, with the VARIABLE each binds;</li>
 *   <li>{@code bindings}: for each name bound in the module body, its binding events in source order,
 *       each either one of the imports (by index) or a definition of this file (by symbol): what the
 *       name means to a module that imports it is decided by the last one;</li>
 *   <li>{@code starReferences}: the names the file reads that only a {@code from m import *} can
 *       provide, with the EXTERNAL node the scope layer made for each;</li>
 *   <li>{@code allEffects}: what each module-level statement does to {@code __all__}, in source order
 *       (the NAME prop {@code all_effect}: {@code set:a,b}, {@code add:c}, {@code remove:a},
 *       {@code add_all_of:mod}, {@code unsupported}); empty when the module has no {@code __all__}.</li>
 * </ul>
 * Nothing here depends on another file or on the search roots, so a file's summary changes only when
 * the file does.
 */
public record ModuleSummary(List<ImportItem> imports, SortedMap<String, List<Binding>> bindings,
                            SortedMap<String, String> starReferences, List<String> allEffects) {

    /**
     * One binding of a module-level name: the import at {@code importIndex} (then {@code symbol} is
     * null), or a definition of this file named {@code symbol} of {@code kind} (then the index is -1).
     */
    public record Binding(int importIndex, String symbol, String kind) {
        public static Binding ofImport(int index) {
            return new Binding(index, null, null);
        }

        public static Binding ofDefinition(String symbol, String kind) {
            return new Binding(-1, symbol, kind);
        }

        public boolean isImport() {
            return importIndex >= 0;
        }
    }
}
