package io.codeanatomy.align.python;

import io.codeanatomy.align.AlignMatch;
import io.codeanatomy.align.Interval;
import io.codeanatomy.align.IntervalAligner;
import io.codeanatomy.align.KindCompatibility;
import io.codeanatomy.align.MatchMode;
import io.codeanatomy.cpg.EdgeKind;
import io.codeanatomy.cpg.NodeKind;
import io.codeanatomy.extract.ExtractedEdge;
import io.codeanatomy.extract.ExtractedNode;

import java.util.ArrayList;
import java.util.List;

/**
 * ENCLOSED_BY: each CALL and NAME to its innermost enclosing FUNCTION, CLASS or MODULE, found by
 * the align kernel (right contains left; the shortest container wins on length difference).
 */
final class Containment {
    static final String ORIGIN = "align";

    private Containment() {
    }

    static List<ExtractedEdge> enclosedBy(List<ExtractedNode> nodes, ExtractedNode module) {
        List<Interval> lefts = new ArrayList<>();
        List<Interval> rights = new ArrayList<>();
        List<ExtractedNode> containers = new ArrayList<>();
        containers.add(module);
        rights.add(new Interval("0", module.bstart, module.bend, module.kind.name()));
        for (int i = 0; i < nodes.size(); i++) {
            ExtractedNode n = nodes.get(i);
            if (n.kind == NodeKind.CALL || n.kind == NodeKind.NAME) {
                lefts.add(new Interval(Integer.toString(i), n.bstart, n.bend, n.kind.name()));
            } else if (n.kind == NodeKind.FUNCTION || n.kind == NodeKind.CLASS) {
                rights.add(new Interval(Integer.toString(containers.size()), n.bstart, n.bend, n.kind.name()));
                containers.add(n);
            }
        }
        List<ExtractedEdge> out = new ArrayList<>(lefts.size());
        for (AlignMatch m : IntervalAligner.align(lefts, rights, MatchMode.RIGHT_CONTAINS_LEFT, KindCompatibility.any())) {
            if (m.matched()) {
                out.add(new ExtractedEdge(EdgeKind.ENCLOSED_BY, nodes.get(Integer.parseInt(m.left.id)),
                        containers.get(Integer.parseInt(m.right.id)), ORIGIN, 1.0));
            }
        }
        return out;
    }
}
