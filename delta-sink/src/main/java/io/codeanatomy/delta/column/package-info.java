/**
 * How values of each {@link io.codeanatomy.delta.schema.ColumnType} are encoded: in records and
 * checkpoints, in the writer's Arrow buffer, as read back from Delta Kernel, and as Delta types.
 * {@link io.codeanatomy.delta.column.ColumnCodec#of} is the one place that maps a type to its codec.
 */
package io.codeanatomy.delta.column;
