package io.codeanatomy.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The documents and occurrences of a SCIP index (scip.proto: Index.documents = 2; Document.relative_path
 * = 1, occurrences = 2; Occurrence.range = 1, symbol = 2, symbol_roles = 3), read straight off the
 * protobuf wire format: the benchmark needs four fields, not a protobuf dependency.
 */
final class ScipIndex {
    /** Bit of {@code symbol_roles} for a definition. */
    static final int DEFINITION = 1;

    record Occurrence(int line, int character, String symbol, int roles) {
        boolean definition() {
            return (roles & DEFINITION) != 0;
        }
    }

    record Document(String path, List<Occurrence> occurrences) {
    }

    private ScipIndex() {
    }

    static List<Document> read(Path file) throws IOException {
        Wire index = new Wire(Files.readAllBytes(file), 0, (int) Files.size(file));
        List<Document> out = new ArrayList<>();
        while (index.more()) {
            int tag = index.varint32();
            if (tag >>> 3 == 2 && (tag & 7) == 2) {
                out.add(document(index.message()));
            } else {
                index.skip(tag);
            }
        }
        return out;
    }

    private static Document document(Wire doc) {
        String path = null;
        List<Occurrence> occurrences = new ArrayList<>();
        while (doc.more()) {
            int tag = doc.varint32();
            switch (tag >>> 3) {
                case 1 -> path = doc.string();
                case 2 -> occurrences.add(occurrence(doc.message()));
                default -> doc.skip(tag);
            }
        }
        return new Document(path, occurrences);
    }

    private static Occurrence occurrence(Wire occ) {
        List<Integer> range = new ArrayList<>(4);
        String symbol = "";
        int roles = 0;
        while (occ.more()) {
            int tag = occ.varint32();
            int field = tag >>> 3;
            if (field == 1 && (tag & 7) == 2) {
                Wire packed = occ.message();
                while (packed.more()) {
                    range.add(packed.varint32());
                }
            } else if (field == 1) {
                range.add(occ.varint32());
            } else if (field == 2) {
                symbol = occ.string();
            } else if (field == 3) {
                roles = occ.varint32();
            } else {
                occ.skip(tag);
            }
        }
        return new Occurrence(range.get(0), range.get(1), symbol, roles);
    }

    /** A cursor over protobuf bytes {@code [pos, end)}. */
    private static final class Wire {
        private final byte[] bytes;
        private int pos;
        private final int end;

        Wire(byte[] bytes, int pos, int end) {
            this.bytes = bytes;
            this.pos = pos;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = bytes[pos++];
                value |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    return value;
                }
            }
        }

        int varint32() {
            return (int) varint();
        }

        Wire message() {
            int length = varint32();
            Wire inner = new Wire(bytes, pos, pos + length);
            pos += length;
            return inner;
        }

        String string() {
            int length = varint32();
            String s = new String(bytes, pos, length, StandardCharsets.UTF_8);
            pos += length;
            return s;
        }

        void skip(int tag) {
            switch (tag & 7) {
                case 0 -> varint();
                case 1 -> pos += 8;
                case 2 -> {
                    int length = varint32(); // read before pos is: the varint moves it
                    pos += length;
                }
                case 5 -> pos += 4;
                default -> throw new IllegalStateException("unknown wire type " + (tag & 7) + " at " + pos);
            }
        }
    }
}
