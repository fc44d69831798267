package io.codeanatomy.specs;

import io.codeanatomy.schema.CpgViews;

import java.util.ArrayList;
import java.util.List;

/** The shipped relationship specs as views ({@code rel_NAME}), with the columns of {@code cpg_edges}. */
public final class SpecViews {
    private SpecViews() {
    }

    public static List<CpgViews.View> shipped() {
        List<CpgViews.View> out = new ArrayList<>();
        for (String name : SpecLoader.SHIPPED) {
            RelationshipSpec spec = SpecLoader.shipped(name);
            out.add(new CpgViews.View(SpecCompiler.viewName(spec), spec.description(), SpecCompiler.sql(spec),
                    CpgViews.derivedEdgeColumns()));
        }
        return out;
    }
}
