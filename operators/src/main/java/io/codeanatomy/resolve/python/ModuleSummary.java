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
 *       {@code add_all_of:mod}, {@code unsupported}); empty when the module has no {@code __all__};</li>
 *   <li>{@code references}: attribute chains and calls whose meaning starts from a module-level name,
 *       an import-bound name or {@code self}/{@code cls} ({@link Reference});</li>
 *   <li>{@code classes}: the file's classes with their bases and members ({@link ClassInfo});</li>
 *   <li>{@code parameters}: the symbols of the parameters of its functions and methods
 *       ({@code `m`/f().(a)}), which keyword arguments name;</li>
 *   <li>{@code types}: what the file says of its symbols' types (a function's return annotation, an
 *       attribute's or variable's annotation or constructor call), as {@link Root}s.</li>
 * </ul>
 * Nothing here depends on another file or on the search roots, so a file's summary changes only when
 * the file does.
 */
public record ModuleSummary(List<ImportItem> imports, SortedMap<String, List<Binding>> bindings,
                            SortedMap<String, String> starReferences, List<String> allEffects,
                            List<Reference> references, List<ClassInfo> classes, List<String> parameters,
                            SortedMap<String, String> types) {

    public ModuleSummary(List<ImportItem> imports, SortedMap<String, List<Binding>> bindings,
                         SortedMap<String, String> starReferences, List<String> allEffects) {
        this(imports, bindings, starReferences, allEffects, List.of(), List.of(), List.of(), new java.util.TreeMap<>());
    }

    /**
     * One binding of a module-level name: the import at {@code importIndex} (then {@code symbol} is
     * null), or a definition of this file named {@code symbol} of {@code kind} (then the index is -1);
     * {@code branch} is where it sits among the branches of the module's compound statements (the
     * NAME prop {@code branch}, {@code if@120:0/try@200:body}), empty when it always runs.
     */
    public record Binding(int importIndex, String symbol, String kind, String branch) {
        public static Binding ofImport(int index) {
            return new Binding(index, null, null, "");
        }

        public static Binding ofDefinition(String symbol, String kind) {
            return new Binding(-1, symbol, kind, "");
        }

        public boolean isImport() {
            return importIndex >= 0;
        }

        public Binding in(String branch) {
            return new Binding(importIndex, symbol, kind, branch == null ? "" : branch);
        }
    }

    /**
     * Where a dotted chain starts: a name of the module body ({@code n:NAME}), a VARIABLE an import
     * inside a function binds ({@code v:NODE_ID}), the class whose method has it as
     * {@code self}/{@code cls} ({@code c:CLASS_SYMBOL}), {@code super()} in a method of a class
     * ({@code s:CLASS_SYMBOL}), an instance of the class an annotation names ({@code i:ROOT|STEPS}),
     * the result of a call ({@code r:ROOT|STEPS}), a second name for a chain ({@code a:ROOT|STEPS}),
     * or a parameter's default ({@code p:ROOT}).
     */
    public record Root(String text) {
        public static Root moduleName(String name) {
            return new Root("n:" + name);
        }

        public static Root importedVariable(String variableId) {
            return new Root("v:" + variableId);
        }

        public static Root selfOf(String classSymbol) {
            return new Root("c:" + classSymbol);
        }

        /** {@code super()} in a method of the class {@code classSymbol}: its bases, in MRO order. */
        public static Root superOf(String classSymbol) {
            return new Root("s:" + classSymbol);
        }

        /** An instance of the class that {@code root} followed by {@code steps} names (a parameter's annotation). */
        public static Root instanceOf(Root root, List<String> steps) {
            return new Root("i:" + root.text + "|" + String.join(".", steps));
        }

        /** What calling {@code root} followed by {@code steps} gives ({@code x = Foo()}): an instance, when it is a class. */
        public static Root resultOf(Root root, List<String> steps) {
            return new Root("r:" + root.text + "|" + String.join(".", steps));
        }

        /** A parameter's default value, {@code value}: what it means unless a caller passes another ({@code p:VALUE}). */
        public static Root defaultOf(Root value) {
            return new Root("p:" + value.text);
        }

        /** A second name for what {@code root} followed by {@code steps} means ({@code _PyFuture = Future}). */
        public static Root aliasOf(Root root, List<String> steps) {
            return new Root("a:" + root.text + "|" + String.join(".", steps));
        }

        /** For an instance root: the root of its class. */
        public Root classRoot() {
            return new Root(value().substring(0, value().lastIndexOf('|')));
        }

        /** For an instance root: the steps of its class after the class root. */
        public List<String> classSteps() {
            String steps = value().substring(value().lastIndexOf('|') + 1);
            return steps.isEmpty() ? List.of() : List.of(steps.split("\\."));
        }

        public char kind() {
            return text.charAt(0);
        }

        public String value() {
            return text.substring(2);
        }
    }

    /**
     * An ATTRIBUTE node ({@code call} false) or a CALL node ({@code call} true) whose target is
     * {@code root} followed by the attribute names {@code steps}: {@code mod.Class.method} is the
     * root {@code mod} with steps {@code Class, method}; a call {@code f()} has no steps.
     */
    public record Reference(String nodeId, boolean call, Root root, List<String> steps, List<Keyword> keywords) {
        public Reference(String nodeId, boolean call, Root root, List<String> steps) {
            this(nodeId, call, root, steps, List.of());
        }
    }

    /** A keyword argument of a call: the NAME node of {@code name=}. */
    public record Keyword(String nameNodeId, String name) {
    }

    /** A base class expression of a class statement: a root and steps, like a reference. */
    public record Base(Root root, List<String> steps) {
    }

    /**
     * A member of a class: a method, a class attribute, a nested class, or an instance attribute its
     * methods assign ({@code self.x = ...}). {@code declaration} says how it is declared: {@code typed}
     * (a def, a class, an annotated attribute), {@code assigned} (a class variable bound without an
     * annotation) or {@code inferred} (an instance attribute assigned without one, which a typed
     * declaration of the name up the MRO takes precedence over, as in Pyright).
     */
    public record Member(String name, String symbol, String kind, String defNodeId, String declaration) {
        public static final String TYPED = "typed";
        public static final String ASSIGNED = "assigned";
        public static final String INFERRED = "inferred";

        public boolean inferred() {
            return INFERRED.equals(declaration);
        }

        public boolean typed() {
            return TYPED.equals(declaration);
        }
    }

    /**
     * A class of the file: its symbol, its CLASS node, its bases in order, its members by name, and
     * its {@code metaclass=} when it names one (null otherwise).
     */
    public record ClassInfo(String symbol, String nodeId, List<Base> bases, List<Member> members, Base metaclass) {
    }
}
