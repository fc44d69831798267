package io.codeanatomy.sql.source;

import io.codeanatomy.delta.schema.ColumnSpec;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.expressions.And;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Expression;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Or;
import io.delta.kernel.expressions.Predicate;

import org.apache.flink.table.expressions.CallExpression;
import org.apache.flink.table.expressions.FieldReferenceExpression;
import org.apache.flink.table.expressions.ResolvedExpression;
import org.apache.flink.table.expressions.ValueLiteralExpression;
import org.apache.flink.table.functions.BuiltInFunctionDefinitions;
import org.apache.flink.table.functions.FunctionDefinition;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Flink filter as a Delta Kernel predicate, for data skipping on the files' min/max statistics:
 * comparisons of a column with a literal, IS [NOT] NULL, AND, OR, NOT, and IN as an OR of equalities
 * (Kernel skips on those, not on IN). Anything else is not converted; Flink evaluates every filter on
 * the rows anyway, so a predicate here only decides which files are read.
 */
final class FilterConverter {
    private static final Map<FunctionDefinition, String> COMPARISONS = Map.of(
            BuiltInFunctionDefinitions.EQUALS, "=",
            BuiltInFunctionDefinitions.LESS_THAN, "<",
            BuiltInFunctionDefinitions.LESS_THAN_OR_EQUAL, "<=",
            BuiltInFunctionDefinitions.GREATER_THAN, ">",
            BuiltInFunctionDefinitions.GREATER_THAN_OR_EQUAL, ">=");
    private static final Map<String, String> MIRRORED = Map.of("=", "=", "<", ">", "<=", ">=", ">", "<", ">=", "<=");

    private final TableSpec spec;

    FilterConverter(TableSpec spec) {
        this.spec = spec;
    }

    Optional<Predicate> convert(ResolvedExpression e) {
        if (!(e instanceof CallExpression call)) {
            return Optional.empty();
        }
        FunctionDefinition f = call.getFunctionDefinition();
        List<ResolvedExpression> args = call.getResolvedChildren();
        if (COMPARISONS.containsKey(f) && args.size() == 2) {
            String op = COMPARISONS.get(f);
            if (args.get(0) instanceof FieldReferenceExpression field && args.get(1) instanceof ValueLiteralExpression value) {
                return comparison(op, field, value);
            }
            if (args.get(1) instanceof FieldReferenceExpression field && args.get(0) instanceof ValueLiteralExpression value) {
                return comparison(MIRRORED.get(op), field, value);
            }
            return Optional.empty();
        }
        if ((f == BuiltInFunctionDefinitions.IS_NULL || f == BuiltInFunctionDefinitions.IS_NOT_NULL)
                && args.size() == 1 && args.get(0) instanceof FieldReferenceExpression field) {
            return Optional.of(new Predicate(f == BuiltInFunctionDefinitions.IS_NULL ? "IS_NULL" : "IS_NOT_NULL",
                    new Column(field.getName())));
        }
        if (f == BuiltInFunctionDefinitions.AND || f == BuiltInFunctionDefinitions.OR) {
            Optional<Predicate> result = Optional.empty();
            for (ResolvedExpression arg : args) {
                Optional<Predicate> p = convert(arg);
                if (p.isEmpty()) {
                    if (f == BuiltInFunctionDefinitions.OR) {
                        return Optional.empty(); // an OR skips only if every branch can
                    }
                    continue; // an AND may skip on the branches it can convert
                }
                result = result.isEmpty() ? p : Optional.of(f == BuiltInFunctionDefinitions.AND
                        ? new And(result.get(), p.get()) : new Or(result.get(), p.get()));
            }
            return result;
        }
        if (f == BuiltInFunctionDefinitions.NOT && args.size() == 1) {
            return convert(args.get(0)).map(p -> new Predicate("NOT", p));
        }
        if (f == BuiltInFunctionDefinitions.IN && args.size() > 1 && args.get(0) instanceof FieldReferenceExpression field) {
            Optional<Predicate> any = Optional.empty();
            for (ResolvedExpression v : args.subList(1, args.size())) {
                if (!(v instanceof ValueLiteralExpression value)) {
                    return Optional.empty();
                }
                Optional<Predicate> eq = comparison("=", field, value);
                if (eq.isEmpty()) {
                    return Optional.empty();
                }
                any = any.isEmpty() ? eq : Optional.of(new Or(any.get(), eq.get()));
            }
            return any;
        }
        return Optional.empty();
    }

    private Optional<Predicate> comparison(String op, FieldReferenceExpression field, ValueLiteralExpression value) {
        Optional<Expression> literal = literal(field.getName(), value);
        return literal.map(l -> new Predicate(op, new Column(field.getName()), l));
    }

    private static Optional<Number> number(ValueLiteralExpression value) {
        for (Class<? extends Number> c : List.of(Long.class, Integer.class, Short.class, Byte.class, Double.class,
                Float.class, java.math.BigDecimal.class)) {
            Optional<? extends Number> n = value.getValueAs(c);
            if (n.isPresent()) {
                return Optional.of(n.get());
            }
        }
        return Optional.empty();
    }

    /** The literal in the column's own type (Kernel compares like types only); null literals are not converted. */
    private Optional<Expression> literal(String column, ValueLiteralExpression value) {
        int index;
        try {
            index = spec.index(column);
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
        ColumnSpec c = spec.columns().get(index);
        if (value.isNull()) {
            return Optional.empty();
        }
        return switch (c.type()) {
            case STRING -> value.getValueAs(String.class).map(Literal::ofString);
            case LONG -> number(value).map(n -> Literal.ofLong(n.longValue()));
            case INT -> number(value).map(n -> Literal.ofInt(n.intValue()));
            case BOOLEAN -> value.getValueAs(Boolean.class).map(Literal::ofBoolean);
            case DOUBLE -> number(value).map(n -> Literal.ofDouble(n.doubleValue()));
        };
    }
}
