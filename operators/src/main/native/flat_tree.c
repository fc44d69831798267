/*
 * One JNI call per file: parse the bytes with tree-sitter and return the whole tree as a flat int
 * array, so that Java never holds a native tree, node or parser (nothing to share across threads,
 * nothing left to free). A walk through the stock bindings costs several JNI calls per node; this
 * costs one per file.
 *
 * Layout of the returned array (io.codeanatomy.extract.treesitter.FlatTree reads it):
 *   [0] node count, [1] 1 when the root has an error,
 *   then per node in pre-order, NODE_INTS ints: symbol (65535 = ERROR), start byte, end byte,
 *   parent index (-1 for the root), field id (0 = none), flags (1 = MISSING).
 */
#include <jni.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "tree_sitter/api.h"

const TSLanguage *tree_sitter_python(void);

#define HEADER_INTS 2
#define NODE_INTS 6
#define FLAG_MISSING 1

typedef struct {
    jint *data;
    size_t size;
    size_t capacity;
} ints;

static int ints_reserve(ints *a, size_t more) {
    if (a->size + more <= a->capacity) {
        return 1;
    }
    size_t capacity = a->capacity ? a->capacity : 1024;
    while (capacity < a->size + more) {
        capacity *= 2;
    }
    jint *grown = realloc(a->data, capacity * sizeof(jint));
    if (!grown) {
        return 0;
    }
    a->data = grown;
    a->capacity = capacity;
    return 1;
}

static void throw_named(JNIEnv *env, const char *class_name, const char *message) {
    jclass c = (*env)->FindClass(env, class_name);
    if (c) {
        (*env)->ThrowNew(env, c, message);
    }
}

/* Appends the cursor's node; returns its index, or -1 when out of memory. */
static jint add_node(ints *nodes, TSTreeCursor *cursor, jint parent) {
    if (!ints_reserve(nodes, NODE_INTS)) {
        return -1;
    }
    TSNode node = ts_tree_cursor_current_node(cursor);
    jint index = (jint) ((nodes->size - HEADER_INTS) / NODE_INTS);
    jint *n = nodes->data + nodes->size;
    n[0] = (jint) ts_node_symbol(node);
    n[1] = (jint) ts_node_start_byte(node);
    n[2] = (jint) ts_node_end_byte(node);
    n[3] = parent;
    n[4] = (jint) ts_tree_cursor_current_field_id(cursor);
    n[5] = ts_node_is_missing(node) ? FLAG_MISSING : 0;
    nodes->size += NODE_INTS;
    return index;
}

/* Pre-order walk with an explicit parent stack: no recursion, whatever the nesting depth. */
static int flatten(TSTree *tree, ints *nodes) {
    TSNode root = ts_tree_root_node(tree);
    if (!ints_reserve(nodes, HEADER_INTS)) {
        return 0;
    }
    nodes->data[0] = 0;
    nodes->data[1] = ts_node_has_error(root) ? 1 : 0;
    nodes->size = HEADER_INTS;
    ints parents = {0};
    TSTreeCursor cursor = ts_tree_cursor_new(root);
    int ok = 1;
    jint current = add_node(nodes, &cursor, -1);
    if (current < 0) {
        ok = 0;
    }
    while (ok) {
        if (ts_tree_cursor_goto_first_child(&cursor)) {
            if (!ints_reserve(&parents, 1)) {
                ok = 0;
                break;
            }
            parents.data[parents.size++] = current;
            current = add_node(nodes, &cursor, current);
            if (current < 0) {
                ok = 0;
            }
            continue;
        }
        int done = 0;
        while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
            if (parents.size == 0 || !ts_tree_cursor_goto_parent(&cursor)) {
                done = 1;
                break;
            }
            parents.size--;
        }
        if (done) {
            break;
        }
        current = add_node(nodes, &cursor, parents.data[parents.size - 1]);
        if (current < 0) {
            ok = 0;
        }
    }
    ts_tree_cursor_delete(&cursor);
    free(parents.data);
    if (ok) {
        nodes->data[0] = (jint) ((nodes->size - HEADER_INTS) / NODE_INTS);
    }
    return ok;
}

JNIEXPORT jintArray JNICALL
Java_io_codeanatomy_extract_treesitter_NativeTreeSitter_parsePython0(JNIEnv *env, jclass cls, jbyteArray source) {
    (void) cls;
    if (!source) {
        throw_named(env, "java/lang/NullPointerException", "source");
        return NULL;
    }
    jsize length = (*env)->GetArrayLength(env, source);
    char *bytes = malloc(length > 0 ? (size_t) length : 1);
    if (!bytes) {
        throw_named(env, "java/lang/OutOfMemoryError", "no native memory for the source bytes");
        return NULL;
    }
    (*env)->GetByteArrayRegion(env, source, 0, length, (jbyte *) bytes);

    TSParser *parser = ts_parser_new();
    if (!ts_parser_set_language(parser, tree_sitter_python())) {
        ts_parser_delete(parser);
        free(bytes);
        throw_named(env, "java/lang/IllegalStateException", "tree-sitter core rejected the Python grammar (ABI mismatch)");
        return NULL;
    }
    TSTree *tree = ts_parser_parse_string_encoding(parser, NULL, bytes, (uint32_t) length, TSInputEncodingUTF8);
    ts_parser_delete(parser);
    if (!tree) {
        free(bytes);
        return NULL; /* no tree: the caller reports a failed parse */
    }
    ints nodes = {0};
    int ok = flatten(tree, &nodes);
    ts_tree_delete(tree);
    free(bytes);
    if (!ok) {
        free(nodes.data);
        throw_named(env, "java/lang/OutOfMemoryError", "no native memory for the flattened tree");
        return NULL;
    }
    jintArray out = (*env)->NewIntArray(env, (jsize) nodes.size);
    if (out) {
        (*env)->SetIntArrayRegion(env, out, 0, (jsize) nodes.size, nodes.data);
    }
    free(nodes.data);
    return out; /* NULL with an OutOfMemoryError pending when the Java array could not be made */
}

/* The grammar's tables as this library sees them, checked against the Java binding's before use. */
JNIEXPORT jobjectArray JNICALL
Java_io_codeanatomy_extract_treesitter_NativeTreeSitter_pythonSymbols(JNIEnv *env, jclass cls) {
    (void) cls;
    const TSLanguage *language = tree_sitter_python();
    uint32_t count = ts_language_symbol_count(language);
    jclass string = (*env)->FindClass(env, "java/lang/String");
    if (!string) {
        return NULL;
    }
    jobjectArray out = (*env)->NewObjectArray(env, (jsize) count, string, NULL);
    for (uint32_t s = 0; out && s < count; s++) {
        const char *name = ts_language_symbol_name(language, (TSSymbol) s);
        /* a leading '!' marks a symbol that is not Regular (the Java side asks for namedness) */
        char buf[512];
        int regular = ts_language_symbol_type(language, (TSSymbol) s) == TSSymbolTypeRegular;
        snprintf(buf, sizeof buf, "%s%s", regular ? "" : "!", name ? name : "");
        jstring value = (*env)->NewStringUTF(env, buf);
        if (!value) {
            return NULL;
        }
        (*env)->SetObjectArrayElement(env, out, (jsize) s, value);
        (*env)->DeleteLocalRef(env, value);
    }
    return out;
}

JNIEXPORT jobjectArray JNICALL
Java_io_codeanatomy_extract_treesitter_NativeTreeSitter_pythonFields(JNIEnv *env, jclass cls) {
    (void) cls;
    const TSLanguage *language = tree_sitter_python();
    uint32_t count = ts_language_field_count(language);
    jclass string = (*env)->FindClass(env, "java/lang/String");
    if (!string) {
        return NULL;
    }
    /* index 0 is "no field", as in tree-sitter's numbering */
    jobjectArray out = (*env)->NewObjectArray(env, (jsize) count + 1, string, NULL);
    for (uint32_t f = 1; out && f <= count; f++) {
        const char *name = ts_language_field_name_for_id(language, (TSFieldId) f);
        jstring value = (*env)->NewStringUTF(env, name ? name : "");
        if (!value) {
            return NULL;
        }
        (*env)->SetObjectArrayElement(env, out, (jsize) f, value);
        (*env)->DeleteLocalRef(env, value);
    }
    return out;
}
