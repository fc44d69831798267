package io.codeanatomy.delta.kernel;

import io.delta.kernel.utils.CloseableIterator;

import java.util.Iterator;
import java.util.List;

/** Adapts plain collections to Kernel's iterator type. */
final class CloseableIterators {
    private CloseableIterators() {
    }

    static <T> CloseableIterator<T> of(List<T> items) {
        return of(items.iterator());
    }

    static <T> CloseableIterator<T> of(Iterator<T> it) {
        return new CloseableIterator<T>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public T next() {
                return it.next();
            }

            @Override
            public void close() {
            }
        };
    }
}
