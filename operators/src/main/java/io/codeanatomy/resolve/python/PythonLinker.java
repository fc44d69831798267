package io.codeanatomy.resolve.python;

import io.codeanatomy.cpg.EdgeKind;
import io.codeanatomy.cpg.python.PythonModuleNames;
import io.codeanatomy.cpg.python.PythonSymbols;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Links one repository's Python files: from every file's {@link ModuleSummary} (and nothing else) it
 * derives the cross-file edges of every file, as Pyright resolves them:
 *
 * <ul>
 *   <li>IMPORTS from each IMPORT to the module it names ({@code from pkg import sub} names the
 *       submodule when the package binds no {@code sub} itself);</li>
 *   <li>RESOLVES_TO from each import-bound VARIABLE to the definition the name finally reaches: a
 *       module-level name of a module means what its bindings that may hold at the end of the
 *       module say ({@link LiveBindings}), each of which may be another import (a re-export,
 *       followed); else a name a star import provides ({@code __all__} in its static forms, else the
 *       public names), or in a package a submodule;</li>
 *   <li>RESOLVES_TO from each star-import EXTERNAL (a name only a {@code from m import *} can
 *       provide) to what the star imports give it.</li>
 * </ul>
 * A chain that comes back to a name it passed is a cycle: every name on it and every chain into it
 * resolves to UNRESOLVED with resolution {@code cycle}, whatever name was asked first. Where a name
 * may mean several things (several bindings that may hold, several imports of one variable), every
 * edge through it gets one edge per target, the confidence split between them. The result is a pure function of the summaries: the same files give
 * the same edges in any order, which is what makes the streaming linker equal to a full index.
 */
public final class PythonLinker {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PythonLinker.class);
    /** Re-export steps followed before giving up (a chain this long is generated code or a bug). */
    static final int MAX_HOPS = 64;
    /** A star import on the way: the names it gives are decided by rules Pyright also guesses at. */
    static final double STAR_CONFIDENCE = 0.9;
    static final double EXTERNAL_STAR_CONFIDENCE = 0.5;
    /** A parameter's annotation says what it should be, not what every caller passes. */
    static final double ANNOTATION_CONFIDENCE = 0.9;
    /** A local's type from the one call that binds it: {@code x = Foo()}. */
    static final double LOCAL_TYPE_CONFIDENCE = 0.7;
    /** An instance of a class (a target the linker follows but never writes: it names no definition). */
    private static final String INSTANCE = "INSTANCE";
    /** What {@code super()} gives in a method of a class: its MRO after the class (followed, never written). */
    private static final String SUPER = "SUPER";
    /** A step of a chain that calls what the chain reached so far: {@code a.b().c}. */
    static final String CALL_STEP = "()";

    private final SortedMap<String, ModuleSummary> files;
    private final ModuleResolver resolver;
    private final Map<String, List<LinkTarget>> members = new HashMap<>();
    private final Set<String> inProgress = new java.util.LinkedHashSet<>(); // in the order entered: the chain being followed
    private final Map<String, Set<String>> starNames = new HashMap<>();
    private final Set<String> starInProgress = new HashSet<>();
    private final Map<String, ClassRef> classes = new HashMap<>();
    private final Map<String, List<String>> mros = new HashMap<>();
    private final Set<String> mroInProgress = new HashSet<>();
    private final Set<String> parameters = new HashSet<>();
    private final Map<String, DeclaredType> declaredTypes = new HashMap<>();
    private final Set<String> following = new HashSet<>();
    private final Set<String> typing = new HashSet<>(); // symbols whose declared type is being worked out
    private final Map<String, List<ModuleSummary.Binding>> liveBindings = new HashMap<>();

    /** A symbol's type as its file says it (an instance or a call result root, read in that file). */
    private record DeclaredType(String path, ModuleSummary.Root type) {
    }

    /** A class of the repository: the file that defines it and what its summary says of it. */
    private record ClassRef(String path, ModuleSummary.ClassInfo info) {
    }

    /** {@code files}: the summary of every {@code .py}/{@code .pyi} file of the repository by path. */
    public PythonLinker(SortedMap<String, ModuleSummary> files, List<String> addedRoots) {
        this.files = files;
        this.resolver = new ModuleResolver(files.keySet(), SearchRoots.of(files.keySet(), addedRoots));
        for (Map.Entry<String, ModuleSummary> f : files.entrySet()) {
            for (ModuleSummary.ClassInfo c : f.getValue().classes()) {
                classes.putIfAbsent(c.symbol(), new ClassRef(f.getKey(), c)); // a .pyi and its .py: the first in path order

            }
            parameters.addAll(f.getValue().parameters());
            f.getValue().types().forEach((symbol, root) ->
                    declaredTypes.putIfAbsent(symbol, new DeclaredType(f.getKey(), new ModuleSummary.Root(root))));
        }
    }

    /** One cross-file edge of a file: from its node {@code srcId} to {@code target}. */
    public record Link(EdgeKind kind, String srcId, LinkTarget target) {
    }

    /**
     * Every file's cross-file edges, by path (files without any are absent), each list in a fixed
     * order: {@link #linksInOrder} asked of every file in path order.
     */
    public SortedMap<String, List<Link>> linkAll() {
        SortedMap<String, List<Link>> out = new TreeMap<>();
        for (String path : files.keySet()) {
            List<Link> links = linksInOrder(path);
            if (!links.isEmpty()) {
                out.put(path, links);
            }
        }
        return out;
    }

    /**
     * The cross-file edges of the file at {@code path}, for a caller that asks every file once in path
     * order (as {@link #linkAll} does; the memos of names met in cycles are then the same whoever asks).
     * A file whose names the linker cannot follow without exhausting the stack (generated code with
     * chains thousands long) gets none, and an error in the log naming it: the other files are linked
     * as if it had been asked last.
     */
    public List<Link> linksInOrder(String path) {
        try {
            return links(path);
        } catch (StackOverflowError e) {
            LOG.error("cross-file links of {} left out: its chains of names are too deep to follow", path);
            forgetWorkInProgress();
            return List.of();
        }
    }

    /** Drops what the linker worked out so far, after a stack overflow left its in-progress marks behind. */
    private void forgetWorkInProgress() {
        members.clear();
        inProgress.clear();
        starNames.clear();
        starInProgress.clear();
        mros.clear();
        mroInProgress.clear();
        following.clear();
        typing.clear();
    }

    /** The cross-file edges of the file at {@code path}. */
    public List<Link> links(String path) {
        ModuleSummary summary = files.get(path);
        List<Link> out = new ArrayList<>();
        // src -> targets, in order of appearance, to split the confidence of a name bound several times
        Map<String, Map<String, LinkTarget>> resolves = new LinkedHashMap<>();
        for (ImportItem item : summary.imports()) {
            split(out, EdgeKind.IMPORTS, item.nodeId(), importedModules(path, item));
            if (item.star() || item.boundVariable() == null) {
                continue;
            }
            for (LinkTarget target : imported(path, item, 0)) {
                resolves.computeIfAbsent(item.boundVariable(), k -> new LinkedHashMap<>()).putIfAbsent(target.symbol(), target);
            }
        }
        summary.starReferences().forEach((name, externalNode) -> {
            for (LinkTarget t : starProvided(path, summary, name)) {
                resolves.computeIfAbsent(externalNode, k -> new LinkedHashMap<>()).putIfAbsent(t.symbol(), t);
            }
        });
        resolves.forEach((src, targets) -> split(out, EdgeKind.RESOLVES_TO, src, targets.values()));
        for (ModuleSummary.Reference r : summary.references()) {
            List<LinkTarget> targets = follow(path, r.root(), r.steps());
            if (r.call()) {
                List<LinkTarget> called = new ArrayList<>();
                for (LinkTarget t : targets) {
                    LinkTarget c = called(t);
                    if (c != null) {
                        called.add(c);
                    }
                }
                split(out, EdgeKind.CALLS, r.nodeId(), called);
                for (ModuleSummary.Keyword k : r.keywords()) {
                    List<LinkTarget> named = new ArrayList<>();
                    for (LinkTarget t : called) {
                        String parameter = t.symbol() + "(" + PythonSymbols.escape(k.name()) + ")";
                        if ((t.kind().equals("FUNCTION") || t.kind().equals("METHOD")) && parameters.contains(parameter)) {
                            named.add(new LinkTarget(parameter, "PARAMETER", "keyword", t.hops(), t.confidence()));
                        }
                    }
                    split(out, EdgeKind.REFERS_TO, k.nameNodeId(), named);
                }
            } else if (!r.steps().isEmpty()) {
                split(out, EdgeKind.REFERS_TO, r.nodeId(), targets);
            }
        }
        for (ModuleSummary.ClassInfo c : summary.classes()) {
            for (ModuleSummary.Base b : c.bases()) {
                List<LinkTarget> bases = new ArrayList<>();
                for (LinkTarget t : follow(path, b.root(), b.steps())) {
                    LinkTarget base = asBase(t);
                    if (base != null) {
                        bases.add(base);
                    }
                }
                split(out, EdgeKind.INHERITS, c.nodeId(), bases);
            }
            for (ModuleSummary.Member m : c.members()) {
                if (m.kind().equals("METHOD")) {
                    inherited(c.symbol(), m.name()).filter(t -> t.kind().equals("METHOD"))
                            .ifPresent(t -> out.add(new Link(EdgeKind.OVERRIDES, m.defNodeId(), t.as("mro"))));
                }
            }
        }
        return out;
    }

    /** One edge per distinct target, the confidence split between them; none for no target. */
    private static void split(List<Link> out, EdgeKind kind, String src, java.util.Collection<LinkTarget> targets) {
        Map<String, LinkTarget> distinct = new LinkedHashMap<>();
        for (LinkTarget t : targets) {
            if (!t.kind().equals(INSTANCE) && !t.kind().equals(SUPER)) {
                distinct.putIfAbsent(t.symbol(), t);
            }
        }
        for (LinkTarget t : distinct.values()) {
            out.add(new Link(kind, src, distinct.size() == 1 ? t : t.times(1.0 / distinct.size())));
        }
    }

    /**
     * The targets of a chain: its root's meanings, each followed attribute by attribute (a module's
     * member, a class's member in MRO order, a name outside the repository extended); a chain that
     * reaches something without known members (a function, a variable) or an unresolved name ends
     * without a target.
     */
    private List<LinkTarget> follow(String path, ModuleSummary.Root root, List<String> steps) {
        List<LinkTarget> out = new ArrayList<>();
        if (!following.add(path + '\u0000' + root.text() + '\u0000' + steps)) {
            return out; // a type that needs itself (a class attribute annotated with its own class is fine: this is x = x())
        }
        for (LinkTarget t : roots(path, root)) {
            // what the chain has reached so far: several when a module name may hold several bindings
            List<LinkTarget> reached = List.of(t);
            for (int i = 0; i < steps.size() && !reached.isEmpty(); i++) {
                reached = advance(path, reached, steps.get(i), i == 0 && root.kind() == 'c');
            }
            for (LinkTarget at : reached) {
                if (at.resolved() || !steps.isEmpty() && at.kind().equals(LinkTarget.EXTERNAL)) {
                    out.add(at);
                }
            }
        }
        following.remove(path + '\u0000' + root.text() + '\u0000' + steps);
        return out;
    }

    /** Each of {@code reached} one step further: a call's result or an attribute (a method of its own, for C2). */
    private List<LinkTarget> advance(String path, List<LinkTarget> reached, String step, boolean ofSelf) {
        List<LinkTarget> next = new ArrayList<>();
        for (LinkTarget at : reached) {
            if (step.equals(CALL_STEP)) {
                LinkTarget result = resultOf(at);
                if (result != null) {
                    next.add(result);
                }
                continue;
            }
            LinkTarget type = typeOf(at);
            if (type != null) {
                for (LinkTarget s : step(path, type, step, ofSelf)) {
                    next.add(s.atMost(at.confidence())); // no surer than the way there (a star import: 0.9)
                }
            }
        }
        return next;
    }

    /**
     * What an attribute of {@code target} is looked up in: a module, a class, an instance or an outside
     * name itself; for an attribute or variable annotated with a class, an instance of that class;
     * nothing for the rest (a function's result is not inferred).
     */
    private LinkTarget typeOf(LinkTarget target) {
        switch (target.kind()) {
            case LinkTarget.MODULE, LinkTarget.NAMESPACE, "CLASS", LinkTarget.EXTERNAL, INSTANCE, SUPER:
                return target;
            case "ATTRIBUTE", "VARIABLE":
                if (!typing.add("alias\u0000" + target.symbol())) {
                    return null; // a = b; b = a: no type from itself
                }
                try {
                    LinkTarget type = viaAlias(target, this::typeOf);
                    if (type != null) {
                        return type;
                    }
                } finally {
                    typing.remove("alias\u0000" + target.symbol());
                }
                return declaredInstance(target.symbol());
            default:
                return null;
        }
    }

    /** What a variable or attribute bound as a second name for a chain means ({@code _PyFuture = Future}: the class); empty for the rest. */
    private List<LinkTarget> aliased(LinkTarget target) {
        if (!target.kind().equals("VARIABLE") && !target.kind().equals("ATTRIBUTE")) {
            return List.of();
        }
        DeclaredType declared = declaredTypes.get(target.symbol());
        if (declared == null || declared.type().kind() != 'a') {
            return List.of();
        }
        List<LinkTarget> out = new ArrayList<>();
        for (LinkTarget t : roots(declared.path(), declared.type())) {
            if (!t.symbol().equals(target.symbol())) {
                out.add(t); // X = X (a name bound again to what it was) is no second name
            }
        }
        return out;
    }

    /** The first answer {@code f} gives for what a second name means ({@link #aliased}), else null. */
    private LinkTarget viaAlias(LinkTarget target, java.util.function.Function<LinkTarget, LinkTarget> f) {
        for (LinkTarget a : aliased(target)) {
            LinkTarget answer = f.apply(a);
            if (answer != null) {
                return answer;
            }
        }
        return null;
    }

    /** A base class expression's target as a class: itself, or the class an alias names; null for anything else. */
    private LinkTarget asBase(LinkTarget t) {
        if (t.kind().equals("CLASS") || t.kind().equals(LinkTarget.EXTERNAL)) {
            return t;
        }
        for (LinkTarget a : aliased(t)) {
            if (a.kind().equals("CLASS") || a.kind().equals(LinkTarget.EXTERNAL)) {
                return a;
            }
        }
        return null;
    }

    /** The instance a symbol's declared type gives (an attribute's value, a function's result), or null. */
    private LinkTarget declaredInstance(String symbol) {
        DeclaredType declared = declaredTypes.get(symbol);
        if (declared == null || !typing.add(symbol)) {
            return null; // def f(): return f(), or a longer loop of such: no type from itself
        }
        try {
            for (LinkTarget t : roots(declared.path(), declared.type())) {
                LinkTarget type = t.kind().equals(INSTANCE) ? t : declared.type().kind() == 'a' ? typeOf(t) : null;
                if (type != null && type.kind().equals(INSTANCE)) {
                    return type; // a function returning a name: that name's instance
                }
            }
            return null;
        } finally {
            typing.remove(symbol);
        }
    }

    /** What calling {@code target} gives: an instance of a class, or of a function's declared return type. */
    private LinkTarget resultOf(LinkTarget target) {
        switch (target.kind()) {
            case "CLASS":
                return new LinkTarget(target.symbol(), INSTANCE, "local_type", 0, Math.min(target.confidence(), LOCAL_TYPE_CONFIDENCE));
            case "FUNCTION", "METHOD": {
                LinkTarget t = declaredInstance(target.symbol());
                return t == null ? null : new LinkTarget(t.symbol(), INSTANCE, "return_type", 0, Math.min(target.confidence(), t.confidence()));
            }
            case "VARIABLE", "ATTRIBUTE":
                return viaAlias(target, this::resultOf);
            default:
                return null;
        }
    }

    /** What a chain's root means: a module-level name of the file, an import-bound variable, the class of {@code self}. */
    private List<LinkTarget> roots(String path, ModuleSummary.Root root) {
        // Each kind of root a method of its own: C2 compiled this switch whole, loops and all, with
        // what it inlined (0.75 s of compile time for a method run a few thousand times).
        return switch (root.kind()) {
            case 'n' -> nameRoots(path, root.value());
            case 'v' -> importVariableRoots(path, root.value());
            case 'c' -> classes.containsKey(root.value())
                    ? List.of(new LinkTarget(root.value(), "CLASS", "self", 0, 1.0)) : List.of();
            case 's' -> classes.containsKey(root.value())
                    ? List.of(new LinkTarget(root.value(), SUPER, "super", 0, 1.0)) : List.of();
            case 'a' -> follow(path, root.classRoot(), root.classSteps());
            case 'p' -> parameterDefaultRoots(path, root.value());
            case 'r' -> resultRoots(path, root);
            case 'i' -> annotatedInstanceRoots(path, root);
            default -> List.of();
        };
    }

    /** A name's live bindings in the file: local symbols, or what the imports binding it import. */
    private List<LinkTarget> nameRoots(String path, String name) {
        List<ModuleSummary.Binding> live = live(path, name);
        List<LinkTarget> out = new ArrayList<>();
        for (ModuleSummary.Binding b : live) {
            if (b.isImport()) {
                out.addAll(imported(path, files.get(path).imports().get(b.importIndex()), 0));
            } else {
                out.add(new LinkTarget(b.symbol(), b.kind(), "local", 0, 1.0));
            }
        }
        if (live.isEmpty()) {
            out.addAll(member(path, name, 0)); // a star import's name, a package's submodule
        }
        out.removeIf(t -> !t.resolved() && !t.kind().equals(LinkTarget.EXTERNAL));
        return out;
    }

    /** What the (non-star) imports binding this variable import. */
    private List<LinkTarget> importVariableRoots(String path, String variable) {
        List<LinkTarget> out = new ArrayList<>();
        for (ImportItem item : files.get(path).imports()) {
            if (variable.equals(item.boundVariable()) && !item.star()) {
                out.addAll(imported(path, item, 0));
            }
        }
        return out;
    }

    /** A parameter's default value's roots, at most {@link #LOCAL_TYPE_CONFIDENCE}: a caller may pass something else. */
    private List<LinkTarget> parameterDefaultRoots(String path, String name) {
        List<LinkTarget> out = new ArrayList<>();
        for (LinkTarget t : roots(path, new ModuleSummary.Root(name))) {
            out.add(t.as("default").atMost(LOCAL_TYPE_CONFIDENCE));
        }
        return out;
    }

    /** What the chain's callables return. */
    private List<LinkTarget> resultRoots(String path, ModuleSummary.Root root) {
        List<LinkTarget> out = new ArrayList<>();
        for (LinkTarget t : follow(path, root.classRoot(), root.classSteps())) {
            LinkTarget result = resultOf(t);
            if (result != null) {
                out.add(result);
            }
        }
        return out;
    }

    /** An instance of each class the annotation's chain names. */
    private List<LinkTarget> annotatedInstanceRoots(String path, ModuleSummary.Root root) {
        List<LinkTarget> out = new ArrayList<>();
        for (LinkTarget t : follow(path, root.classRoot(), root.classSteps())) {
            if (t.kind().equals("CLASS")) {
                out.add(new LinkTarget(t.symbol(), INSTANCE, "annotation", 0, ANNOTATION_CONFIDENCE));
            }
        }
        return out;
    }

    /** {@code target.name}: a module's member, a class's member through its MRO, an outside name extended. */
    private List<LinkTarget> step(String path, LinkTarget target, String name, boolean ofSelf) {
        switch (target.kind()) {
            case LinkTarget.MODULE: {
                String file = modulePath(target);
                return file == null ? List.of() : member(file, name, 0).stream().map(t -> t.resolved() ? t.as("attribute") : t).toList();
            }
            case LinkTarget.NAMESPACE: {
                String module = PythonSymbols.moduleOf(target.symbol());
                ModuleTarget sub = resolve(path, ImportSpec.parse(module + "." + name));
                return sub instanceof ModuleTarget.InRepo in ? List.of(moduleTarget(in).as("attribute")) : List.of();
            }
            case "CLASS":
                return mroLookup(target.symbol(), name, false).map(t -> t.as(ofSelf ? "self" : "mro"))
                        // self.x reads the instance, which does not see its metaclass
                        .or(() -> ofSelf ? Optional.empty() : metaclassLookup(target.symbol(), name)).stream().toList();
            case INSTANCE:
                return mroLookup(target.symbol(), name, false).map(t -> t.as(target.resolution()).atMost(target.confidence()))
                        .stream().toList();
            case SUPER:
                return mroLookup(target.symbol(), name, true).map(t -> t.as("super")).stream().toList();
            case LinkTarget.EXTERNAL:
                return List.of(LinkTarget.external(target.symbol() + "." + name));
            default:
                return List.of();
        }
    }

    /** What calling {@code target} calls: a function or method itself, a class's {@code __init__} (else the class). */
    private LinkTarget called(LinkTarget target) {
        switch (target.kind()) {
            case "FUNCTION", "METHOD", LinkTarget.EXTERNAL:
                return target;
            case "CLASS":
                return mroLookup(target.symbol(), "__init__", false).filter(t -> t.kind().equals("METHOD"))
                        .map(t -> t.as("constructor")).orElse(target.as("constructor"));
            case "VARIABLE", "ATTRIBUTE":
                return viaAlias(target, this::called);
            default:
                return null;
        }
    }

    /** {@code name} in the first class of {@code cls}'s MRO after {@code cls} itself that defines it. */
    private Optional<LinkTarget> inherited(String cls, String name) {
        return mroLookup(cls, name, true);
    }

    /**
     * {@code name} in the first class of {@code cls}'s MRO that declares it. An instance attribute a
     * method assigns without an annotation gives way to a typed declaration further up (Pyright), so
     * it is the answer only when no later class declares the name with a type. A base outside the
     * repository may declare anything: reaching one before an answer ends the search without one.
     */
    private Optional<LinkTarget> mroLookup(String cls, String name, boolean skipSelf) {
        List<String> order = mro(cls);
        ModuleSummary.Member inferred = null;
        for (int i = skipSelf ? 1 : 0; i < order.size(); i++) {
            ClassRef ref = classes.get(order.get(i));
            if (ref == null) {
                return Optional.empty(); // an outside base may define it: we cannot say
            }
            for (ModuleSummary.Member m : ref.info().members()) {
                if (m.name().equals(name)) {
                    if (inferred == null ? !m.inferred() : m.typed()) {
                        return Optional.of(new LinkTarget(m.symbol(), m.kind(), "mro", 0, 1.0));
                    }
                    if (inferred == null) {
                        inferred = m;
                    }
                }
            }
        }
        return inferred == null ? Optional.empty()
                : Optional.of(new LinkTarget(inferred.symbol(), inferred.kind(), "mro", 0, 1.0));
    }

    /**
     * {@code name} on a class object that its MRO does not define: the metaclass's member
     * ({@code Sequence.register} is {@code ABCMeta.register}). The metaclass is the first
     * {@code metaclass=} met along the MRO (Python takes the most derived of them, which is that one
     * unless two unrelated metaclasses meet). Only when every class of the MRO is in the repository:
     * an outside base may define the name itself, or bring a metaclass of its own.
     */
    private Optional<LinkTarget> metaclassLookup(String cls, String name) {
        for (String c : mro(cls)) {
            ClassRef ref = classes.get(c);
            if (ref == null) {
                return Optional.empty();
            }
            ModuleSummary.Base meta = ref.info().metaclass();
            if (meta != null) {
                for (LinkTarget t : follow(ref.path(), meta.root(), meta.steps())) {
                    if (t.kind().equals("CLASS")) {
                        return mroLookup(t.symbol(), name, false).map(m -> m.as("metaclass"));
                    }
                }
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * The method resolution order of a class of the repository, by C3 linearization of its bases (a
     * base outside the repository stands for itself, by its dotted name); where C3 fails (Python
     * would refuse the class), the bases depth first. A class that is its own ancestor stops there.
     */
    List<String> mro(String cls) {
        List<String> known = mros.get(cls);
        if (known != null) {
            return known;
        }
        ClassRef ref = classes.get(cls);
        if (ref == null || !mroInProgress.add(cls)) {
            return List.of(cls);
        }
        List<List<String>> sequences = new ArrayList<>();
        List<String> direct = new ArrayList<>();
        for (ModuleSummary.Base b : ref.info().bases()) {
            for (LinkTarget found : follow(ref.path(), b.root(), b.steps())) {
                LinkTarget t = asBase(found);
                if (t != null) {
                    String base = t.symbol();
                    if (!direct.contains(base) && !base.equals(cls)) {
                        direct.add(base);
                        sequences.add(new ArrayList<>(t.kind().equals("CLASS") ? mro(base) : List.of(base)));
                    }
                    break;
                }
            }
        }
        sequences.add(new ArrayList<>(direct));
        List<String> out = new ArrayList<>();
        out.add(cls);
        List<String> merged = c3(sequences);
        if (merged == null) {
            merged = new ArrayList<>();
            for (List<String> seq : sequences) {
                for (String c : seq) {
                    if (!merged.contains(c) && !c.equals(cls)) {
                        merged.add(c);
                    }
                }
            }
        }
        out.addAll(merged);
        mroInProgress.remove(cls);
        List<String> result = List.copyOf(out);
        mros.put(cls, result);
        return result;
    }

    /** C3's merge: null when the sequences admit no linearization. */
    private static List<String> c3(List<List<String>> sequences) {
        List<String> out = new ArrayList<>();
        while (true) {
            sequences.removeIf(List::isEmpty);
            if (sequences.isEmpty()) {
                return out;
            }
            String head = null;
            for (List<String> seq : sequences) {
                String candidate = seq.get(0);
                boolean inTail = false;
                for (List<String> other : sequences) {
                    if (other.indexOf(candidate) > 0) {
                        inTail = true;
                        break;
                    }
                }
                if (!inTail) {
                    head = candidate;
                    break;
                }
            }
            if (head == null) {
                return null;
            }
            out.add(head);
            for (List<String> seq : sequences) {
                if (seq.get(0).equals(head)) {
                    seq.remove(0);
                }
            }
        }
    }

    /** The module an import names: {@code import a.b} names {@code a.b}; {@code from pkg import sub} the submodule when {@code pkg} binds no {@code sub}. */
    private List<LinkTarget> importedModules(String path, ImportItem item) {
        ModuleTarget module = resolve(path, item.module());
        if (module instanceof ModuleTarget.External) {
            List<LinkTarget> set = modulesSetBy(path, item.module()); // import os.path: posixpath or ntpath
            if (!set.isEmpty()) {
                return set;
            }
        }
        return List.of(importedModule(path, item, module));
    }

    private LinkTarget importedModule(String path, ImportItem item, ModuleTarget module) {
        if (item.member() != null && !item.star() && module instanceof ModuleTarget.InRepo in
                && (in.form() == ModuleForm.NAMESPACE || in.path().equals(path) || live(in.path(), item.member()).isEmpty())) {
            Optional<ModuleTarget.InRepo> sub = resolver.submodule(path, item.module(), item.member());
            if (sub.isPresent()) {
                return moduleTarget(sub.get()).as("submodule");
            }
        }
        return moduleTarget(module, dotted(path, item.module())).as(
                module instanceof ModuleTarget.InRepo ? "import" : module instanceof ModuleTarget.External ? "external" : "unresolved");
    }

    /** What {@code import a.b.c} binds: {@code a} (the top-level package), or with {@code as x} the module {@code a.b.c}. */
    private LinkTarget boundModule(String path, ImportItem item) {
        ImportSpec spec = item.bindsTopLevel() ? new ImportSpec(item.module().level(), item.module().parts().subList(0, 1))
                : item.module();
        ModuleTarget module = resolve(path, spec);
        return moduleTarget(module, dotted(path, spec)).as(module instanceof ModuleTarget.InRepo ? "import"
                : module instanceof ModuleTarget.External ? "external" : "unresolved");
    }

    /** What an import binds its name to: the module of {@code import a.b [as c]}, the member or submodule of {@code from}. */
    private List<LinkTarget> imported(String path, ImportItem item, int depth) {
        if (item.member() == null) {
            LinkTarget module = boundModule(path, item);
            List<LinkTarget> set = module.kind().equals(LinkTarget.EXTERNAL) && !item.bindsTopLevel()
                    ? modulesSetBy(path, item.module()) : List.of();
            return set.isEmpty() ? List.of(module) : set;
        }
        return fromImport(path, item.module(), item.member(), depth);
    }

    /**
     * The modules a module of the repository binds to a name that Python then imports as its
     * submodule: {@code os.py} binds {@code path} (to {@code posixpath} or {@code ntpath}) and sets
     * {@code sys.modules['os.path']}, so {@code import os.path as p} and {@code from os.path import join}
     * reach them. Empty when the parent is no module file of the repository or binds no module there.
     */
    private List<LinkTarget> modulesSetBy(String path, ImportSpec spec) {
        if (spec.parts().size() < 2) {
            return List.of();
        }
        ImportSpec parent = new ImportSpec(spec.level(), spec.parts().subList(0, spec.parts().size() - 1));
        if (!(resolve(path, parent) instanceof ModuleTarget.InRepo in) || in.form() != ModuleForm.MODULE) {
            return List.of();
        }
        return member(in.path(), spec.parts().get(spec.parts().size() - 1), 0).stream()
                .filter(t -> t.kind().equals(LinkTarget.MODULE)).map(t -> t.as("module_attribute")).toList();
    }

    /** {@code from spec import name} in the file at {@code path}: the package's attribute first, then its submodule. */
    private List<LinkTarget> fromImport(String path, ImportSpec spec, String name, int depth) {
        ModuleTarget module = resolve(path, spec);
        if (module instanceof ModuleTarget.External ext) {
            List<LinkTarget> out = new ArrayList<>();
            for (LinkTarget set : modulesSetBy(path, spec)) {
                String file = modulePath(set);
                if (file != null) {
                    out.addAll(member(file, name, depth));
                }
            }
            return out.isEmpty() ? List.of(LinkTarget.external(ext.module() + "." + name)) : out;
        }
        if (module instanceof ModuleTarget.Unresolved) {
            return List.of(LinkTarget.unresolved(dotted(path, spec) + "." + name, "unresolved"));
        }
        ModuleTarget.InRepo in = (ModuleTarget.InRepo) module;
        if (in.path().equals(path)) {
            // from . import x in the package's own __init__: x is not an attribute of the package
            // before this statement binds it, so Python imports the submodule (re, importlib, asyncio)
            Optional<ModuleTarget.InRepo> sub = resolver.submodule(path, spec, name);
            if (sub.isPresent()) {
                return List.of(moduleTarget(sub.get()).as("submodule"));
            }
        }
        if (in.form() != ModuleForm.NAMESPACE) {
            List<LinkTarget> member = member(in.path(), name, depth);
            if (!member.isEmpty()) {
                return member;
            }
        }
        Optional<ModuleTarget.InRepo> sub = resolver.submodule(path, spec, name);
        if (sub.isPresent()) {
            return List.of(moduleTarget(sub.get()).as("submodule"));
        }
        return List.of(LinkTarget.unresolved(in.module() + "." + name, "unresolved"));
    }

    /**
     * {@code T(M, name)}: what {@code name} means as an attribute of the module in file {@code path},
     * empty when the module has no such name, several when several of its bindings may hold (in
     * source order). Memoised; a name met again while it is being resolved is a cycle.
     */
    private List<LinkTarget> member(String path, String name, int depth) {
        String key = path + '\u0000' + name;
        List<LinkTarget> known = members.get(key);
        if (known != null) {
            return known;
        }
        if (inProgress.contains(key)) {
            return List.of(cycle(key));
        }
        if (depth > MAX_HOPS) {
            return List.of(LinkTarget.unresolved(moduleName(path) + "." + name, "too_many_hops"));
        }
        inProgress.add(key);
        List<LinkTarget> result = computeMember(path, name, depth);
        inProgress.remove(key);
        members.put(key, result);
        return result;
    }

    /**
     * The cycle that {@code key} closes, named by its first member in path order, so that the answer
     * does not depend on which of its names was asked first.
     */
    private LinkTarget cycle(String key) {
        String first = null;
        boolean on = false;
        for (String k : inProgress) {
            on |= k.equals(key);
            if (on && (first == null || k.compareTo(first) < 0)) {
                first = k;
            }
        }
        int nul = first.indexOf('\u0000');
        return LinkTarget.unresolved(moduleName(first.substring(0, nul)) + "." + first.substring(nul + 1), "cycle");
    }

    private List<LinkTarget> computeMember(String path, String name, int depth) {
        ModuleSummary summary = files.get(path);
        if (summary == null) {
            return List.of();
        }
        List<ModuleSummary.Binding> live = live(path, name);
        if (!live.isEmpty()) {
            Map<String, LinkTarget> out = new LinkedHashMap<>();
            for (ModuleSummary.Binding b : live) {
                if (!b.isImport()) {
                    out.putIfAbsent(b.symbol(), new LinkTarget(b.symbol(), b.kind(), "import", 0, 1.0));
                    continue;
                }
                for (LinkTarget t : imported(path, summary.imports().get(b.importIndex()), depth + 1)) {
                    out.putIfAbsent(t.symbol(), t.resolved() ? t.hop().as("reexport") : t);
                }
            }
            return List.copyOf(out.values());
        }
        for (int i = summary.imports().size() - 1; i >= 0; i--) {
            ImportItem star = summary.imports().get(i);
            if (!star.star() || !star.moduleLevel()) {
                continue;
            }
            ModuleTarget module = resolve(path, star.module());
            if (module instanceof ModuleTarget.InRepo in && in.form() != ModuleForm.NAMESPACE
                    && starNames(in.path()).contains(name)) {
                List<LinkTarget> via = member(in.path(), name, depth + 1);
                if (!via.isEmpty()) {
                    return via.stream().map(t -> t.resolved() ? t.hop().as("star_import").atMost(STAR_CONFIDENCE) : t).toList();
                }
            }
        }
        if (isPackage(path)) {
            Optional<ModuleTarget.InRepo> sub = resolver.submodule(path, ImportSpec.parse("."), name);
            if (sub.isPresent()) {
                return List.of(moduleTarget(sub.get()).as("submodule"));
            }
        }
        return List.of();
    }

    /** The bindings of {@code name} that may hold when the body of the module at {@code path} has run ({@link LiveBindings}). */
    private List<ModuleSummary.Binding> live(String path, String name) {
        ModuleSummary summary = files.get(path);
        List<ModuleSummary.Binding> events = summary == null ? null : summary.bindings().get(name);
        if (events == null || events.isEmpty()) {
            return List.of();
        }
        if (events.size() == 1) {
            return events;
        }
        // asked for every reference through the name: worked out once (a pure function of the summary)
        return liveBindings.computeIfAbsent(path + '\u0000' + name, k -> LiveBindings.of(events, b -> !b.isImport()
                || resolve(path, summary.imports().get(b.importIndex()).module()) instanceof ModuleTarget.InRepo));
    }

    /** What the file's star imports give a name nothing in the file binds: the last star import that provides it wins. */
    private List<LinkTarget> starProvided(String path, ModuleSummary summary, String name) {
        List<LinkTarget> outside = new ArrayList<>();
        for (int i = summary.imports().size() - 1; i >= 0; i--) {
            ImportItem star = summary.imports().get(i);
            if (!star.star()) {
                continue;
            }
            ModuleTarget module = resolve(path, star.module());
            if (module instanceof ModuleTarget.InRepo in && in.form() != ModuleForm.NAMESPACE) {
                if (starNames(in.path()).contains(name)) {
                    List<LinkTarget> found = member(in.path(), name, 0);
                    if (!found.isEmpty()) {
                        return found.stream().map(t -> t.resolved() ? t.as("star_import").atMost(STAR_CONFIDENCE) : t).toList();
                    }
                }
            } else if (module instanceof ModuleTarget.External ext) {
                outside.add(new LinkTarget(ext.module() + "." + name, LinkTarget.EXTERNAL, "star_import", 0,
                        EXTERNAL_STAR_CONFIDENCE));
            }
        }
        return outside;
    }

    /**
     * The names {@code from M import *} binds, for the module in file {@code path}: its static
     * {@code __all__} when it has one in a supported form; with an unsupported form, those names plus
     * the public ones; without {@code __all__}, the public names (not starting with {@code _}) its
     * body binds, its own star imports' included.
     */
    Set<String> starNames(String path) {
        Set<String> known = starNames.get(path);
        if (known != null) {
            return known;
        }
        if (!starInProgress.add(path)) {
            return Set.of(); // a star-import cycle contributes nothing more
        }
        ModuleSummary summary = files.get(path);
        Set<String> names = new TreeSet<>();
        boolean publicNames = true;
        if (summary != null && !summary.allEffects().isEmpty()) {
            publicNames = false;
            for (String effect : summary.allEffects()) {
                int colon = effect.indexOf(':');
                String op = colon < 0 ? effect : effect.substring(0, colon);
                List<String> args = colon < 0 || colon == effect.length() - 1 ? List.of()
                        : List.of(effect.substring(colon + 1).split(","));
                switch (op) {
                    case "set" -> {
                        names.clear();
                        names.addAll(args);
                    }
                    case "add" -> names.addAll(args);
                    case "remove" -> names.removeAll(args);
                    case "set_all_of", "add_all_of" -> {
                        if (op.equals("set_all_of")) {
                            names.clear();
                        }
                        String other = member(path, args.isEmpty() ? "" : args.get(0), 0).stream()
                                .map(this::modulePath).filter(java.util.Objects::nonNull).findFirst().orElse(null);
                        if (other != null) {
                            names.addAll(starNames(other));
                        } else {
                            publicNames = true;
                        }
                    }
                    default -> publicNames = true; // unsupported: Pyright then takes the public names too
                }
            }
        }
        if (summary != null && publicNames) {
            for (String name : summary.bindings().keySet()) {
                if (!name.startsWith("_")) {
                    names.add(name);
                }
            }
            for (ImportItem star : summary.imports()) {
                ModuleTarget module = star.star() && star.moduleLevel() ? resolve(path, star.module()) : null;
                if (module instanceof ModuleTarget.InRepo in && in.form() != ModuleForm.NAMESPACE) {
                    for (String n : starNames(in.path())) {
                        if (!n.startsWith("_")) {
                            names.add(n);
                        }
                    }
                }
            }
        }
        starInProgress.remove(path);
        Set<String> result = Collections.unmodifiableSet(names);
        starNames.put(path, result);
        return result;
    }

    /** The file of a module target, or null when the target is not a module file of the repository. */
    private String modulePath(LinkTarget target) {
        if (!target.kind().equals(LinkTarget.MODULE)) {
            return null;
        }
        String module = PythonSymbols.moduleOf(target.symbol());
        for (String candidate : List.of(module.replace('.', '/') + ".pyi", module.replace('.', '/') + ".py",
                module.replace('.', '/') + "/__init__.pyi", module.replace('.', '/') + "/__init__.py")) {
            if (files.containsKey(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Where an import leads, as {@link ModuleResolver} says, except that a module the resolver calls
     * outside the repository is UNRESOLVED when its top-level package is a regular package of the
     * repository: Python would find that package first and look no further. (Below a module, as
     * {@code os.path} below {@code os.py}, a name may still be set in {@code sys.modules}: outside.)
     */
    private ModuleTarget resolve(String path, ImportSpec spec) {
        ModuleTarget module = resolver.resolve(path, spec);
        if (module instanceof ModuleTarget.External ext && spec.parts().size() > 1
                && resolver.resolve(path, new ImportSpec(0, spec.parts().subList(0, 1))) instanceof ModuleTarget.InRepo top
                && top.form() == ModuleForm.PACKAGE) {
            return new ModuleTarget.Unresolved("no module " + ext.module() + " in the repository's package " + top.module());
        }
        return module;
    }

    /** The absolute dotted name a spec names from the file at {@code path}, or the spec as written when it has none. */
    private String dotted(String path, ImportSpec spec) {
        return spec.relative() ? resolver.absoluteName(path, spec).orElse(spec.toString()) : spec.toString();
    }

    private static boolean isPackage(String path) {
        return path.endsWith("/__init__.py") || path.endsWith("/__init__.pyi")
                || path.equals("__init__.py") || path.equals("__init__.pyi");
    }

    private String moduleName(String path) {
        return resolver.moduleNameOf(path).orElse(PythonModuleNames.of(path));
    }

    private static LinkTarget moduleTarget(ModuleTarget.InRepo in) {
        if (in.form() == ModuleForm.NAMESPACE) {
            return new LinkTarget(PythonSymbols.moduleSymbol(in.module()), LinkTarget.NAMESPACE, "import", 0, 1.0);
        }
        // The module's symbol as its own file names it (its path from the repository root).
        return new LinkTarget(PythonSymbols.moduleSymbol(PythonModuleNames.of(in.path())), LinkTarget.MODULE, "import", 0, 1.0);
    }

    private static LinkTarget moduleTarget(ModuleTarget module, String spec) {
        if (module instanceof ModuleTarget.InRepo in) {
            return moduleTarget(in);
        }
        if (module instanceof ModuleTarget.External ext) {
            return LinkTarget.external(ext.module());
        }
        return LinkTarget.unresolved(spec, "unresolved");
    }
}
