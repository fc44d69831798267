/**
 * Python module resolution for cross-file linking: which file of a repository an import names, by
 * Python's rules (regular and namespace packages, PEP 420 portions across search roots) and Pyright's
 * preferences ({@code .pyi} stubs over {@code .py}). Pure functions of a repository's file set, so the
 * linker can re-evaluate them whenever a file appears or disappears. See docs/cross-file.md.
 */
package io.codeanatomy.resolve.python;
