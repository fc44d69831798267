package io.codeanatomy.resolve.python;

import io.codeanatomy.cpg.FileRows;
import io.codeanatomy.cpg.PythonFileRows;
import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.schema.CpgSchema;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The linker on small repositories written for each rule: summaries from the real extraction and
 * scope layers, edges printed as {@code KIND source-name -> target kind resolution hops confidence}.
 */
class PythonLinkerTest {
    private static final Map<String, String> PKG = Map.of(
            "pkg/__init__.py", "from .impl import helper as helper2\nfrom . import impl as _impl\n",
            "pkg/impl.py", "LIMIT = 3\n\nclass Greeter:\n    pass\n\ndef helper():\n    return LIMIT\n",
            "pkg/alt.py", "def helper():\n    return 0\n");

    private final Map<String, Map<String, String>> names = new HashMap<>();

    /** The edges of {@code file}, one line each, after linking {@code files}. */
    private List<String> link(Map<String, String> files, String file) {
        SortedMap<String, ModuleSummary> summaries = summaries(files);
        List<String> out = new ArrayList<>();
        for (PythonLinker.Link l : new PythonLinker(summaries, List.of()).links(file)) {
            out.add(line(file, l));
        }
        return out;
    }

    private SortedMap<String, ModuleSummary> summaries(Map<String, String> files) {
        SortedMap<String, ModuleSummary> summaries = new TreeMap<>();
        try (PythonFileRows writer = new PythonFileRows()) {
            files.forEach((path, source) -> {
                OwnedRows rows = writer.rows(path, source.getBytes(StandardCharsets.UTF_8));
                summaries.put(path, ModuleSummaryCodec.decode((String) PythonFileRows.fileColumn(rows, "link_summary")));
                Map<String, String> byId = new HashMap<>();
                for (Object[] n : rows.rows(CpgSchema.TABLES.position(CpgSchema.NODES))) {
                    byId.put(FileRows.nodeColumn(n, FileRows.NODE_ID), FileRows.nodeColumn(n, FileRows.NODE_KIND) + ":" + FileRows.nodeColumn(n, FileRows.NODE_NAME));
                }
                names.put(path, byId);
            });
        }
        return summaries;
    }

    private String line(String file, PythonLinker.Link l) {
        LinkTarget t = l.target();
        return l.kind() + " " + names.get(file).get(l.srcId()) + " -> " + t.symbol() + " " + t.kind() + " "
                + t.resolution() + " " + t.hops() + " " + t.confidence();
    }

    /** Every one of {@code expected} is among {@code edges}. */
    private static void assertHasAll(List<String> edges, String... expected) {
        for (String e : expected) {
            assertTrue(edges.contains(e), e + " in " + edges);
        }
    }

    private static Map<String, String> with(Map<String, String> base, String... pathsAndSources) {
        Map<String, String> out = new LinkedHashMap<>(base);
        for (int i = 0; i < pathsAndSources.length; i += 2) {
            out.put(pathsAndSources[i], pathsAndSources[i + 1]);
        }
        return out;
    }

    @Test
    void importsAndReExportsReachTheDefinition() {
        List<String> edges = link(with(PKG, "app.py", """
                from pkg import helper2
                from pkg.impl import Greeter, LIMIT
                import pkg.impl
                import pkg.impl as m
                from pkg import impl
                """), "app.py");
        assertEquals(List.of(
                "IMPORTS IMPORT:pkg.helper2 -> pkg/ MODULE import 0 1.0",
                "IMPORTS IMPORT:pkg.impl.Greeter -> `pkg.impl`/ MODULE import 0 1.0",
                "IMPORTS IMPORT:pkg.impl.LIMIT -> `pkg.impl`/ MODULE import 0 1.0",
                "IMPORTS IMPORT:pkg.impl -> `pkg.impl`/ MODULE import 0 1.0",
                "IMPORTS IMPORT:pkg.impl -> `pkg.impl`/ MODULE import 0 1.0",
                "IMPORTS IMPORT:pkg.impl -> `pkg.impl`/ MODULE submodule 0 1.0",
                "RESOLVES_TO VARIABLE:helper2 -> `pkg.impl`/helper(). FUNCTION reexport 1 1.0",
                "RESOLVES_TO VARIABLE:Greeter -> `pkg.impl`/Greeter# CLASS import 0 1.0",
                "RESOLVES_TO VARIABLE:LIMIT -> `pkg.impl`/LIMIT. VARIABLE import 0 1.0",
                "RESOLVES_TO VARIABLE:pkg -> pkg/ MODULE import 0 1.0",
                "RESOLVES_TO VARIABLE:m -> `pkg.impl`/ MODULE import 0 1.0",
                "RESOLVES_TO VARIABLE:impl -> `pkg.impl`/ MODULE submodule 0 1.0"), edges);
    }

    @Test
    void theLastBindingOfANameDecidesWhatItsImportersGet() {
        List<String> edges = link(with(PKG, "over.py", """
                from pkg.impl import helper
                def helper():
                    pass
                from pkg.alt import helper as other
                """, "app.py", "from over import helper, other\n"), "app.py");
        assertTrue(edges.contains("RESOLVES_TO VARIABLE:helper -> over/helper(). FUNCTION import 0 1.0"), edges.toString());
        assertTrue(edges.contains("RESOLVES_TO VARIABLE:other -> `pkg.alt`/helper(). FUNCTION reexport 1 1.0"), edges.toString());
    }

    @Test
    void aNameBoundByAlternativeImportsSplitsItsConfidence() {
        List<String> edges = link(with(PKG, "app.py", """
                try:
                    from pkg.impl import helper
                except ImportError:
                    from pkg.alt import helper
                """), "app.py");
        assertTrue(edges.contains("RESOLVES_TO VARIABLE:helper -> `pkg.impl`/helper(). FUNCTION import 0 0.5"), edges.toString());
        assertTrue(edges.contains("RESOLVES_TO VARIABLE:helper -> `pkg.alt`/helper(). FUNCTION import 0 0.5"), edges.toString());
    }

    @Test
    void aModuleNameMeansTheBindingsThatMayHoldWhenItsBodyHasRun() {
        Map<String, String> files = with(PKG,
                "plat.py", """
                        import sys
                        if sys.platform == "win32":
                            from pkg import alt as path
                        elif sys.platform == "linux":
                            from pkg import impl as path
                        """,
                "fast.py", """
                        class partial:
                            pass
                        try:
                            from _functools import partial
                        except ImportError:
                            pass
                        """,
                "opt.py", """
                        try:
                            from pkg.impl import helper
                        except ImportError:
                            helper = None
                        """,
                "cov.py", """
                        helper = None
                        if __debug__:
                            from pkg.impl import helper
                        else:
                            from pkg.alt import helper
                        """,
                "app.py", """
                        import plat, fast, opt, cov
                        plat.path.helper()
                        fast.partial()
                        opt.helper()
                        cov.helper()
                        """);
        List<String> edges = link(files, "app.py");
        // Either branch of an if may have run: both, the confidence split.
        assertTrue(edges.contains("CALLS CALL:plat.path.helper -> `pkg.alt`/helper(). FUNCTION attribute 0 0.5"), edges.toString());
        assertTrue(edges.contains("CALLS CALL:plat.path.helper -> `pkg.impl`/helper(). FUNCTION attribute 0 0.5"), edges.toString());
        // A compiled accelerator outside the repository gives way to the code in it.
        assertTrue(edges.contains("CALLS CALL:fast.partial -> fast/partial# CLASS constructor 0 1.0"), edges.toString());
        // The except handler's fallback gives way; an if with an else that binds in both ends the earlier None.
        assertTrue(edges.contains("CALLS CALL:opt.helper -> `pkg.impl`/helper(). FUNCTION attribute 1 1.0"), edges.toString());
        assertEquals(List.of("CALLS CALL:cov.helper -> `pkg.impl`/helper(). FUNCTION attribute 1 0.5",
                        "CALLS CALL:cov.helper -> `pkg.alt`/helper(). FUNCTION attribute 1 0.5"),
                edges.stream().filter(e -> e.startsWith("CALLS CALL:cov.helper")).toList());
    }

    @Test
    void aModuleAttributeBoundToAModuleImportsAsItsSubmodule() {
        List<String> edges = link(with(PKG,
                "posixpath.py", "def join(a, b):\n    return a\n",
                "ntpath.py", "def join(a, b):\n    return b\n",
                "os.py", """
                        import sys
                        if sys.platform != "win32":
                            import posixpath as path
                        else:
                            import ntpath as path
                        """,
                "app.py", """
                        from os.path import join
                        import os.path as osp
                        join('a', 'b')
                        osp.join('a', 'b')
                        """), "app.py");
        assertHasAll(edges,
                "RESOLVES_TO VARIABLE:join -> posixpath/join(). FUNCTION import 0 0.5",
                "RESOLVES_TO VARIABLE:join -> ntpath/join(). FUNCTION import 0 0.5",
                "RESOLVES_TO VARIABLE:osp -> posixpath/ MODULE module_attribute 1 0.5",
                "IMPORTS IMPORT:os.path -> posixpath/ MODULE module_attribute 1 0.5",
                "IMPORTS IMPORT:os.path.join -> ntpath/ MODULE module_attribute 1 0.5",
                "CALLS CALL:osp.join -> posixpath/join(). FUNCTION attribute 0 0.5",
                "CALLS CALL:osp.join -> ntpath/join(). FUNCTION attribute 0 0.5");
    }

    @Test
    void starImportsFollowStaticAllElseThePublicNames() {
        Map<String, String> files = with(PKG,
                "lib/__init__.py", "",
                "lib/listed.py", """
                        __all__ = ['a']
                        __all__ += ['b']
                        __all__.extend(['c'])
                        __all__.remove('c')
                        def a(): pass
                        def b(): pass
                        def c(): pass
                        """,
                "lib/public.py", "def d(): pass\ndef _e(): pass\n",
                "lib/chained.py", "from lib.public import *\n__all__ = ['d']\n",
                // The standard library's forms beyond Pyright's: a bare tuple, and a sum of __all__s.
                "lib/bare.py", "from . import public\n__all__ = 'f',\ndef f(): pass\n",
                "lib/summed.py", "from . import listed, bare\n__all__ = (listed.__all__ +\n    bare.__all__ + ['g'])\n"
                        + "from .listed import *\nfrom .bare import *\ndef g(): pass\ndef h(): pass\n",
                "app.py", """
                        from lib.listed import *
                        from lib.chained import *
                        from lib.summed import *
                        a(); b(); c(); d(); _e(); f(); g(); h(); public
                        """);
        List<String> edges = link(files, "app.py");
        assertTrue(edges.contains("RESOLVES_TO EXTERNAL:f -> `lib.bare`/f(). FUNCTION star_import 1 0.9"), edges.toString());
        assertTrue(edges.contains("RESOLVES_TO EXTERNAL:g -> `lib.summed`/g(). FUNCTION star_import 0 0.9"), edges.toString());
        assertTrue(edges.stream().noneMatch(e -> e.contains("EXTERNAL:h ") || e.contains("EXTERNAL:public ")),
                "not in a static __all__: " + edges);
        // a and b: through lib.summed, the last star import that provides them (one hop more).
        assertTrue(edges.contains("RESOLVES_TO EXTERNAL:a -> `lib.listed`/a(). FUNCTION star_import 1 0.9"), edges.toString());
        assertTrue(edges.contains("RESOLVES_TO EXTERNAL:b -> `lib.listed`/b(). FUNCTION star_import 1 0.9"), edges.toString());
        assertTrue(edges.contains("RESOLVES_TO EXTERNAL:d -> `lib.public`/d(). FUNCTION star_import 1 0.9"), edges.toString());
        assertTrue(edges.stream().noneMatch(e -> e.contains("EXTERNAL:c ") || e.contains("EXTERNAL:_e ")),
                "removed from __all__, or private: " + edges);
    }

    @Test
    void aPackageImportingItsOwnSubmoduleGetsTheSubmoduleNotACycle() {
        Map<String, String> files = with(PKG,
                "selfimp/__init__.py", "from . import _impl\n_impl.run()\n",
                "selfimp/_impl.py", "def run():\n    pass\n",
                "app.py", "import selfimp\nselfimp._impl.run()\n");
        List<String> init = link(files, "selfimp/__init__.py");
        assertTrue(init.contains("IMPORTS IMPORT:._impl -> `selfimp._impl`/ MODULE submodule 0 1.0"), init.toString());
        assertTrue(init.contains("RESOLVES_TO VARIABLE:_impl -> `selfimp._impl`/ MODULE submodule 0 1.0"), init.toString());
        assertTrue(init.contains("CALLS CALL:_impl.run -> `selfimp._impl`/run(). FUNCTION attribute 0 1.0"), init.toString());
        List<String> app = link(files, "app.py");
        assertTrue(app.contains("CALLS CALL:selfimp._impl.run -> `selfimp._impl`/run(). FUNCTION attribute 0 1.0"), app.toString());
    }

    @Test
    void aChainMayStartAtANameAStarImportGives() {
        List<String> edges = link(with(PKG,
                "lib/__init__.py", "",
                "lib/klass.py", "class K:\n    def m(self):\n        pass\n",
                "app.py", "from lib.klass import *\nK.m(None)\n\ndef f():\n    K().m()\n"), "app.py");
        assertHasAll(edges,
                "CALLS CALL:K.m -> `lib.klass`/K#m(). METHOD mro 0 0.9",
                "CALLS CALL:K().m -> `lib.klass`/K#m(). METHOD local_type 0 0.7");
    }

    @Test
    void aFileTooDeepToFollowLosesItsLinksAndNoOtherFiles() {
        StringBuilder deep = new StringBuilder("from pkg.impl import Greeter as a0\n");
        int depth = 40_000; // a chain of second names far deeper than any stack follows
        for (int i = 1; i <= depth; i++) {
            deep.append('a').append(i).append(" = a").append(i - 1).append('\n');
        }
        deep.append("a").append(depth).append("().x\n");
        SortedMap<String, ModuleSummary> summaries = summaries(with(PKG, "deep.py", deep.toString(),
                "app.py", "from pkg.impl import helper\nhelper()\n"));
        SortedMap<String, List<PythonLinker.Link>> all = new PythonLinker(summaries, List.of()).linkAll();
        assertTrue(!all.containsKey("deep.py"), "left out");
        assertEquals(new PythonLinker(summaries, List.of()).links("app.py"), all.get("app.py"), "the others as if alone");
    }

    @Test
    void anImportCycleResolvesToUnresolvedWhicheverNameIsAskedFirst() {
        Map<String, String> files = with(PKG,
                "cyc/__init__.py", "",
                "cyc/a.py", "from cyc.b import x\n",
                "cyc/b.py", "from cyc.a import x\n",
                "app.py", "from cyc.a import x\nfrom cyc.b import x as y\n");
        List<String> edges = link(files, "app.py");
        assertTrue(edges.contains("RESOLVES_TO VARIABLE:x -> cyc.a.x UNRESOLVED cycle 0 1.0"), "named by its first member: " + edges);
        assertTrue(edges.stream().filter(e -> e.startsWith("RESOLVES_TO")).allMatch(e -> e.contains("UNRESOLVED cycle")), edges.toString());
        // Asked in another order (a fresh linker, b's file first), every answer is the same.
        SortedMap<String, ModuleSummary> summaries = summaries(files);
        PythonLinker first = new PythonLinker(summaries, List.of());
        List<PythonLinker.Link> bFirst = new ArrayList<>(first.links("cyc/b.py"));
        bFirst.addAll(first.links("app.py"));
        PythonLinker second = new PythonLinker(summaries, List.of());
        List<PythonLinker.Link> appFirst = new ArrayList<>(second.links("app.py"));
        List<PythonLinker.Link> b = second.links("cyc/b.py");
        assertEquals(bFirst, concat(b, appFirst));
    }

    @Test
    void modulesOutsideTheRepositoryAndMissingNamesAreSaidSo() {
        List<String> edges = link(with(PKG, "app.py", """
                import json
                from os.path import join
                from pkg.impl import missing
                from ... import beyond
                import pkg.nothing as gone
                """), "app.py");
        assertTrue(edges.contains("RESOLVES_TO VARIABLE:gone -> pkg.nothing UNRESOLVED unresolved 0 1.0"),
                "a module a package of the repository lacks is not outside it: " + edges);
        assertTrue(edges.contains("RESOLVES_TO VARIABLE:json -> json EXTERNAL external 0 1.0"), edges.toString());
        assertTrue(edges.contains("RESOLVES_TO VARIABLE:join -> os.path.join EXTERNAL external 0 1.0"), edges.toString());
        assertTrue(edges.contains("RESOLVES_TO VARIABLE:missing -> pkg.impl.missing UNRESOLVED unresolved 0 1.0"), edges.toString());
        assertTrue(edges.contains("RESOLVES_TO VARIABLE:beyond -> ....beyond UNRESOLVED unresolved 0 1.0"), edges.toString());
    }

    @Test
    void allOfAnotherModuleIsAddedThroughItsImport() {
        Map<String, String> files = with(PKG,
                "agg/__init__.py", "from . import part\nfrom .part import *\n__all__ = ['top']\n__all__ += part.__all__\ntop = 1\n",
                "agg/part.py", "__all__ = ['p']\ndef p(): pass\ndef q(): pass\n",
                "app.py", "from agg import *\nprint(top, p, q)\n");
        List<String> edges = link(files, "app.py");
        assertTrue(edges.contains("RESOLVES_TO EXTERNAL:top -> agg/top. VARIABLE star_import 0 0.9"), edges.toString());
        assertTrue(edges.contains("RESOLVES_TO EXTERNAL:p -> `agg.part`/p(). FUNCTION star_import 1 0.9"), edges.toString());
        assertTrue(edges.stream().noneMatch(e -> e.contains("EXTERNAL:q ")), edges.toString());
    }

    private static final Map<String, String> SHAPES = Map.of(
            "shapes/__init__.py", "",
            "shapes/base.py", """
                    class Shape:
                        def __init__(self, name):
                            self.name = name
                        def area(self):
                            return 0
                        def describe(self):
                            return self.area()
                    """,
            "shapes/square.py", """
                    from shapes.base import Shape

                    class Square(Shape):
                        def __init__(self):
                            super().__init__(name='square')
                            self.side = 2
                        def area(self):
                            return self.side * self.side
                        def both(self):
                            return self.describe(), self.area()
                    """);

    @Test
    void attributesAndCallsResolveThroughModulesClassesAndTheirBases() {
        List<String> edges = link(with(SHAPES, "app.py", """
                import shapes.square
                from shapes import base as b
                import json

                s = shapes.square.Square('x')
                shapes.square.Square.area(s)
                b.Shape('y').describe()
                json.dumps({})

                def local():
                    pass

                local()
                """), "app.py");
        assertHasAll(edges,
                "REFERS_TO ATTRIBUTE:square -> `shapes.square`/ MODULE attribute 0 1.0",
                "REFERS_TO ATTRIBUTE:Square -> `shapes.square`/Square# CLASS attribute 0 1.0",
                "CALLS CALL:shapes.square.Square -> `shapes.square`/Square#__init__(). METHOD constructor 0 1.0",
                "REFERS_TO ATTRIBUTE:area -> `shapes.square`/Square#area(). METHOD mro 0 1.0",
                "CALLS CALL:shapes.square.Square.area -> `shapes.square`/Square#area(). METHOD mro 0 1.0",
                "CALLS CALL:b.Shape -> `shapes.base`/Shape#__init__(). METHOD constructor 0 1.0",
                "REFERS_TO ATTRIBUTE:dumps -> json.dumps EXTERNAL external 0 1.0",
                "CALLS CALL:json.dumps -> json.dumps EXTERNAL external 0 1.0",
                "CALLS CALL:local -> app/local(). FUNCTION local 0 1.0");
        assertTrue(edges.contains("CALLS CALL:b.Shape('y').describe -> `shapes.base`/Shape#describe(). METHOD local_type 0 0.7"),
                "a constructor's result is an instance: " + edges);
    }

    @Test
    void aClassObjectsAttributeItsMroLacksIsItsMetaclasss() {
        List<String> edges = link(with(PKG,
                "meta/__init__.py", "",
                "meta/abcs.py", """
                        class Meta(type):
                            def register(cls, sub):
                                return sub
                        class Hashable(metaclass=Meta):
                            def __hash__(self):
                                return 0
                        class Sized:
                            pass
                        """,
                "meta/seq.py", """
                        from meta import abcs
                        class Seq(abcs.Hashable):
                            def first(self):
                                return self.register(0)
                        abcs.Hashable.register(int)
                        Seq.register(list)
                        abcs.Sized.register(set)
                        """), "meta/seq.py");
        assertTrue(edges.contains("CALLS CALL:abcs.Hashable.register -> `meta.abcs`/Meta#register(). METHOD metaclass 0 1.0"), edges.toString());
        assertTrue(edges.contains("CALLS CALL:Seq.register -> `meta.abcs`/Meta#register(). METHOD metaclass 0 1.0"),
                "inherited with the base: " + edges);
        assertTrue(edges.stream().noneMatch(e -> e.startsWith("CALLS CALL:abcs.Sized.register") || e.startsWith("CALLS CALL:self.register")),
                "no metaclass, or an instance: " + edges);
    }

    @Test
    void aSecondNameForAClassIsTheClassAsABaseACalleeAndAType() {
        List<String> edges = link(with(PKG,
                "aio/__init__.py", "",
                "aio/futures.py", """
                        class Future:
                            def cancel(self):
                                return True
                        _PyFuture = Future
                        A = B
                        B = A
                        C = C
                        """,
                "aio/tasks.py", """
                        from . import futures
                        class Task(futures._PyFuture):
                            def stop(self):
                                return self.cancel()
                        f = futures._PyFuture()
                        f.cancel()
                        futures.A.x(); futures.C.y()
                        """), "aio/tasks.py");
        assertHasAll(edges,
                "INHERITS CLASS:Task -> `aio.futures`/Future# CLASS local 0 1.0",
                "CALLS CALL:self.cancel -> `aio.futures`/Future#cancel(). METHOD self 0 1.0",
                "CALLS CALL:futures._PyFuture -> `aio.futures`/Future# CLASS constructor 0 1.0",
                "CALLS CALL:f.cancel -> `aio.futures`/Future#cancel(). METHOD local_type 0 0.7");
    }

    @Test
    void anUnannotatedParameterHasItsDefaultsType() {
        List<String> edges = link(with(PKG,
                "pol.py", """
                        class Compat32:
                            def fetch(self):
                                return 1
                        compat32 = Compat32()
                        """,
                "msg.py", """
                        from pol import compat32, Compat32
                        class Message:
                            def __init__(self, policy=compat32, factory=Compat32):
                                self.policy = policy
                                factory().fetch()
                            def get(self):
                                return self.policy.fetch()
                            def again(self):
                                p = self.policy
                                return p.fetch()
                        """), "msg.py");
        assertHasAll(edges,
                "CALLS CALL:self.policy.fetch -> pol/Compat32#fetch(). METHOD local_type 0 0.7",
                "CALLS CALL:p.fetch -> pol/Compat32#fetch(). METHOD local_type 0 0.7",
                "CALLS CALL:factory().fetch -> pol/Compat32#fetch(). METHOD local_type 0 0.7",
                "CALLS CALL:factory -> pol/Compat32# CLASS constructor 0 0.7");
    }

    @Test
    void aFunctionWithoutAReturnAnnotationGivesWhatItsFirstTypedReturnGives() {
        List<String> edges = link(with(PKG,
                "lg.py", """
                        class Logger:
                            def debug(self, msg):
                                pass
                        class RootLogger(Logger):
                            pass
                        root = RootLogger()
                        def getLogger(name=None):
                            if not name:
                                return root
                            return Logger.manager.getLogger(name)
                        def make():
                            def inner():
                                return 3
                            return Logger()
                        def nothing():
                            return None
                        def again():
                            return again()
                        def ping():
                            return pong()
                        def pong():
                            return ping()
                        """,
                "app.py", """
                        import lg
                        log = lg.getLogger(__name__)
                        log.debug('x')
                        lg.make().debug('y')
                        lg.nothing().debug('z')
                        lg.again().debug(); lg.ping().debug()
                        """), "app.py");
        assertHasAll(edges,
                "CALLS CALL:log.debug -> lg/Logger#debug(). METHOD return_type 0 0.7",
                "CALLS CALL:lg.make().debug -> lg/Logger#debug(). METHOD return_type 0 0.7");
        assertTrue(edges.stream().noneMatch(e -> e.startsWith("CALLS CALL:lg.nothing().debug")), edges.toString());
    }

    @Test
    void anAugmentedAssignmentToSelfDeclaresNothing() {
        Map<String, String> files = with(PKG,
                "tr/__init__.py", "",
                "tr/base.py", "class Base:\n    def __init__(self):\n        self.lost = 0\n",
                "tr/sub.py", """
                        from tr.base import Base
                        class Sub(Base):
                            def write(self):
                                self.lost += 1
                                return self.lost
                        """);
        List<String> edges = link(files, "tr/sub.py");
        assertEquals(2, edges.stream().filter(e -> e.equals("REFERS_TO ATTRIBUTE:lost -> `tr.base`/Base#lost. ATTRIBUTE self 0 1.0")).count(),
                edges.toString());
    }

    @Test
    void aSubclassInheritsOverridesAndItsSelfCallsFollowTheMro() {
        List<String> edges = link(SHAPES, "shapes/square.py");
        assertHasAll(edges,
                "INHERITS CLASS:Square -> `shapes.base`/Shape# CLASS import 0 1.0",
                "OVERRIDES FUNCTION:area -> `shapes.base`/Shape#area(). METHOD mro 0 1.0",
                "CALLS CALL:self.describe -> `shapes.base`/Shape#describe(). METHOD self 0 1.0",
                "CALLS CALL:self.area -> `shapes.square`/Square#area(). METHOD self 0 1.0",
                "CALLS CALL:super().__init__ -> `shapes.base`/Shape#__init__(). METHOD super 0 1.0",
                "REFERS_TO NAME:name -> `shapes.base`/Shape#__init__().(name) PARAMETER keyword 0 1.0",
                "REFERS_TO ATTRIBUTE:side -> `shapes.square`/Square#side. ATTRIBUTE self 0 1.0");
        assertTrue(edges.stream().noneMatch(e -> e.startsWith("OVERRIDES FUNCTION:both")), edges.toString());
    }

    @Test
    void annotatedParametersAttributesAndLocalsBoundByAConstructorHaveTheirClassesMembers() {
        List<String> edges = link(with(SHAPES,
                "shapes/label.py", """
                        class Label:
                            def text(self):
                                return ''
                        """,
                "shapes/tagged.py", """
                        from shapes.label import Label

                        class Tagged:
                            label: Label
                            def __init__(self):
                                self.other: Label = Label()
                        """,
                "app.py", """
                        from shapes.square import Square
                        from shapes.tagged import Tagged

                        def use(t: Tagged, s: 'Square', maybe: Square | None):
                            t.label.text()
                            t.other.text()
                            s.area()
                            maybe.both()

                        def build():
                            sq = Square()
                            sq.area()
                            first = second = Square()
                            first.area()
                            try:
                                pass
                            except Tagged as e:
                                e.label
                        """), "app.py");
        assertHasAll(edges,
                "CALLS CALL:t.label.text -> `shapes.label`/Label#text(). METHOD annotation 0 0.9",
                "CALLS CALL:t.other.text -> `shapes.label`/Label#text(). METHOD annotation 0 0.9",
                "REFERS_TO ATTRIBUTE:label -> `shapes.tagged`/Tagged#label. ATTRIBUTE annotation 0 0.9",
                "CALLS CALL:s.area -> `shapes.square`/Square#area(). METHOD annotation 0 0.9",
                "CALLS CALL:maybe.both -> `shapes.square`/Square#both(). METHOD annotation 0 0.9",
                "CALLS CALL:sq.area -> `shapes.square`/Square#area(). METHOD local_type 0 0.7",
                "CALLS CALL:first.area -> `shapes.square`/Square#area(). METHOD local_type 0 0.7");
        assertTrue(edges.stream().anyMatch(e -> e.startsWith("REFERS_TO ATTRIBUTE:label -> `shapes.tagged`/Tagged#label.")
                && e.contains(" 0.9")), "except Tagged as e: " + edges);
    }

    private static List<PythonLinker.Link> concat(List<PythonLinker.Link> a, List<PythonLinker.Link> b) {
        List<PythonLinker.Link> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
