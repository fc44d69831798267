// JoernCallEdges.java CPG_FILE : prints Joern's call graph per call site as TSV, one line per CALL edge:
//   file  line  column  call-name  method-full-name  method-is-external
// and one line with an empty method for a call site without an edge. Reads a CPG that JoernPasses
// (shared/bench-peers, "nodf": default overlays + Python call linkers) has written. Operator calls
// (<operator>.*) are left out. Compiled and run by bench/call-edges.sh against the peers' Joern jars,
// outside this project's build (Joern is a peer we measure against, not a dependency).
import flatgraph.Accessors;
import flatgraph.GNode;
import flatgraph.Graph;
import io.shiftleft.codepropertygraph.generated.Cpg;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

public class JoernCallEdges {
  public static void main(String[] args) throws Exception {
    Cpg cpg = io.joern.joerncli.CpgBasedTool.loadFromFile(args[0]);
    Graph g = cpg.graph();
    int callEdge = g.schema().getEdgeKindByLabel("CALL");
    int astEdge = g.schema().getEdgeKindByLabel("AST");
    try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))) {
      var calls = g.nodes("CALL");
      while (calls.hasNext()) {
        GNode call = calls.next();
        Map<String, Object> p = ((io.shiftleft.codepropertygraph.generated.nodes.StoredNode) call).propertiesMap();
        String name = String.valueOf(p.get("NAME"));
        if (name.startsWith("<operator") || name.startsWith("<operators")) {
          continue;
        }
        String file = fileOf(call, astEdge);
        String prefix = file + "\t" + p.getOrDefault("LINE_NUMBER", "") + "\t" + p.getOrDefault("COLUMN_NUMBER", "") + "\t" + name + "\t";
        boolean any = false;
        var targets = Accessors.getNeighborsOut(call, callEdge);
        while (targets.hasNext()) {
          GNode m = targets.next();
          Map<String, Object> mp = ((io.shiftleft.codepropertygraph.generated.nodes.StoredNode) m).propertiesMap();
          out.write(prefix + mp.get("FULL_NAME") + "\t" + mp.getOrDefault("IS_EXTERNAL", false) + "\n");
          any = true;
        }
        if (!any) {
          out.write(prefix + "\t\n");
        }
      }
    }
    cpg.close();
  }

  /** The FILENAME of the method that holds the node in the AST. */
  private static String fileOf(GNode node, int astEdge) {
    GNode at = node;
    for (int depth = 0; depth < 10_000 && at != null; depth++) {
      if (at.label().equals("METHOD")) {
        Object f = ((io.shiftleft.codepropertygraph.generated.nodes.StoredNode) at).propertiesMap().get("FILENAME");
        return f == null ? "" : f.toString();
      }
      var up = Accessors.getNeighborsIn(at, astEdge);
      at = up.hasNext() ? up.next() : null;
    }
    return "";
  }
}
