/**
 * Rows held in Arrow vectors and read by Delta Kernel's Parquet writer as a columnar batch: the
 * writer's buffer, and every other batch of rows the sink writes.
 */
package io.codeanatomy.delta.kernel.arrow;
