package io.codeanatomy.align.python;

import io.codeanatomy.align.AlignMatch;
import io.codeanatomy.align.Interval;
import io.codeanatomy.align.IntervalAligner;
import io.codeanatomy.align.KindCompatibility;
import io.codeanatomy.align.MatchMode;
import io.codeanatomy.cpg.NodeKind;
import io.codeanatomy.extract.ExtractedNode;
import io.codeanatomy.extract.ExtractionProblem;
import io.codeanatomy.extract.FileExtraction;
import io.codeanatomy.extract.cpython.CPythonFacts;
import io.codeanatomy.span.LineIndex;
import io.codeanatomy.span.PositionEncoding;
import io.codeanatomy.span.TextPosition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuses CPython's ast into the CST nodes: each CST node with an ast counterpart at exactly its span
 * gets {@code ast_type} (and {@code ast_ctx} for load/store/del expressions). Definitions and calls
 * must exist in both layers: a CST CLASS, FUNCTION, LAMBDA or CALL without its ast twin gets a
 * {@code layer_disagreement} prop, and an ast definition or call without a CST twin becomes an
 * extract_errors row. Definitions match on start and type alone: tree-sitter's body may also hold
 * trailing comments, CPython's ends at the last statement.
 */
final class CPythonAstFusion {
    private static final KindCompatibility KINDS = PythonAstKinds.compatibility();

    private CPythonAstFusion() {
    }

    /** A node of the ast with its canonical byte span; {@code bstart < 0} if its position did not map. */
    private static final class Located {
        final CPythonFacts.AstNode node;
        final long bstart;
        final long bend;

        Located(CPythonFacts.AstNode node, long bstart, long bend) {
            this.node = node;
            this.bstart = bstart;
            this.bend = bend;
        }
    }

    static void apply(CPythonFacts facts, LineIndex lines, FileExtraction extraction) {
        List<Located> ast = locate(facts, lines, extraction);
        List<Interval> rights = new ArrayList<>(ast.size());
        for (int i = 0; i < ast.size(); i++) {
            Located a = ast.get(i);
            if (a.bstart >= 0) {
                rights.add(new Interval(Integer.toString(i), a.bstart, a.bend, a.node.type));
            }
        }
        List<Interval> lefts = new ArrayList<>();
        for (int i = 0; i < extraction.nodes.size(); i++) {
            String key = PythonAstKinds.key(extraction.nodes.get(i));
            if (key != null) {
                lefts.add(new Interval(Integer.toString(i), extraction.nodes.get(i).bstart, extraction.nodes.get(i).bend, key));
            }
        }
        Set<Integer> matchedAst = new HashSet<>();
        Map<Long, List<Integer>> definitionsByStart = definitionsByStart(ast);
        for (AlignMatch m : IntervalAligner.align(lefts, rights, MatchMode.EXACT, KINDS)) {
            ExtractedNode n = extraction.nodes.get(Integer.parseInt(m.left.id));
            if (m.matched()) {
                Located a = ast.get(Integer.parseInt(m.right.id));
                matchedAst.add(Integer.parseInt(m.right.id));
                n.prop("ast_type", a.node.type).prop("ast_ctx", a.node.context);
                continue;
            }
            if (n.kind == NodeKind.CLASS || n.kind == NodeKind.FUNCTION) {
                Integer twin = definitionAt(definitionsByStart, ast, n);
                if (twin != null) {
                    matchedAst.add(twin);
                    n.prop("ast_type", ast.get(twin).node.type);
                    continue;
                }
            }
            if (n.kind == NodeKind.CLASS || n.kind == NodeKind.FUNCTION || n.kind == NodeKind.LAMBDA
                    || n.kind == NodeKind.CALL) {
                n.prop("layer_disagreement", "CPython's ast has no " + String.join(" or ",
                        expectedTypes(n.kind)) + " at this span");
            }
        }
        for (int i = 0; i < ast.size(); i++) {
            Located a = ast.get(i);
            if (a.bstart >= 0 && !matchedAst.contains(i) && PythonAstKinds.STRICT_AST_TYPES.contains(a.node.type)) {
                extraction.problems.add(new ExtractionProblem("align", "layer_disagreement", "CPython's ast has a "
                        + a.node.type + " at line " + a.node.line + ", column " + a.node.column
                        + " that the tree-sitter layer does not", a.bstart, a.bend));
            }
        }
    }

    private static List<String> expectedTypes(NodeKind kind) {
        return switch (kind) {
            case CLASS -> List.of("ClassDef");
            case FUNCTION -> List.of("FunctionDef", "AsyncFunctionDef");
            case LAMBDA -> List.of("Lambda");
            default -> List.of("Call");
        };
    }

    private static Map<Long, List<Integer>> definitionsByStart(List<Located> ast) {
        Map<Long, List<Integer>> out = new HashMap<>();
        for (int i = 0; i < ast.size(); i++) {
            String type = ast.get(i).node.type;
            if (ast.get(i).bstart >= 0 && (type.equals("ClassDef") || type.equals("FunctionDef")
                    || type.equals("AsyncFunctionDef"))) {
                out.computeIfAbsent(ast.get(i).bstart, k -> new ArrayList<>()).add(i);
            }
        }
        return out;
    }

    private static Integer definitionAt(Map<Long, List<Integer>> byStart, List<Located> ast, ExtractedNode n) {
        for (int i : byStart.getOrDefault((long) n.bstart, List.of())) {
            if (KINDS.score(n.kind.name(), ast.get(i).node.type) > 0) {
                return i;
            }
        }
        return null;
    }

    /** Maps CPython positions onto the file's bytes; a position outside the file is a recorded disagreement. */
    private static List<Located> locate(CPythonFacts facts, LineIndex lines, FileExtraction extraction) {
        List<Located> out = new ArrayList<>(facts.ast.size());
        int unmapped = 0;
        String example = null;
        for (CPythonFacts.AstNode a : facts.ast) {
            try {
                long s = lines.toOffset(new TextPosition(a.line, a.column), PositionEncoding.CPYTHON_AST);
                long e = lines.toOffset(new TextPosition(a.endLine, a.endColumn), PositionEncoding.CPYTHON_AST);
                out.add(e >= s ? new Located(a, s, e) : new Located(a, -1, -1));
                if (e < s) {
                    unmapped++;
                }
            } catch (IllegalArgumentException outside) {
                out.add(new Located(a, -1, -1));
                unmapped++;
                example = a.type + " at " + a.line + ":" + a.column + " (" + outside.getMessage() + ")";
            }
        }
        if (unmapped > 0) {
            extraction.problems.add(ExtractionProblem.wholeFile("align", "unmapped_positions", unmapped
                    + " CPython ast positions do not fall inside the file" + (example == null ? "" : ", e.g. " + example)));
        }
        return out;
    }
}
