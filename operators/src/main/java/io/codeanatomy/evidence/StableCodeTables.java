package io.codeanatomy.evidence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The code-to-constant tables of {@link StableCode} enums, one per type, built once (not part of the interface). */
final class StableCodeTables {
    static final Map<Class<?>, Object[]> BY_TYPE = new ConcurrentHashMap<>();

    private StableCodeTables() {
    }
}
