package io.codeanatomy.delta.schema;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tables one sink writes, in a fixed order (the order is part of the record encoding). */
public final class TableSet implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<TableSpec> tables;
    private final Map<String, Integer> positionByName = new LinkedHashMap<>();

    public TableSet(Collection<TableSpec> tables) {
        this.tables = new ArrayList<>(tables);
        for (int i = 0; i < this.tables.size(); i++) {
            if (positionByName.put(this.tables.get(i).name(), i) != null) {
                throw new IllegalArgumentException("table " + this.tables.get(i).name() + " declared twice");
            }
        }
    }

    public List<TableSpec> tables() {
        return tables;
    }

    public int size() {
        return tables.size();
    }

    public TableSpec get(int position) {
        return tables.get(position);
    }

    public int position(String table) {
        Integer p = positionByName.get(table);
        if (p == null) {
            throw new IllegalArgumentException("unknown table " + table + "; known: " + positionByName.keySet());
        }
        return p;
    }

    public TableSpec get(String table) {
        return tables.get(position(table));
    }
}
