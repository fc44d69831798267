package io.codeanatomy.evidence;

/**
 * An enum constant's code in evidence and state: fixed forever once written, unlike its ordinal,
 * which moves when a constant is inserted. A retired code is never given to another constant.
 */
public interface StableCode {
    int code();

    @SuppressWarnings("unchecked")
    static <E extends Enum<E> & StableCode> E byCode(Class<E> type, int code) {
        Object[] table = StableCodeTables.BY_TYPE.computeIfAbsent(type, t -> {
            E[] values = type.getEnumConstants();
            int max = 0;
            for (E v : values) {
                max = Math.max(max, v.code());
            }
            Object[] byCode = new Object[max + 1];
            for (E v : values) {
                if (byCode[v.code()] != null) {
                    throw new IllegalStateException(type.getSimpleName() + " gives code " + v.code() + " twice");
                }
                byCode[v.code()] = v;
            }
            return byCode;
        });
        if (code < 0 || code >= table.length || table[code] == null) {
            throw new IllegalArgumentException("unknown " + type.getSimpleName() + " code " + code);
        }
        return (E) table[code];
    }
}
