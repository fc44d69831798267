package io.codeanatomy.sql.catalog;

import io.codeanatomy.delta.kernel.TablePaths;
import io.codeanatomy.sql.source.ReadOptions;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Catalog;
import org.apache.flink.table.factories.CatalogFactory;
import org.apache.flink.table.factories.FactoryUtil;

import java.util.Set;

/**
 * {@code CREATE CATALOG cpg WITH ('type'='codeanatomy', 'warehouse'='/path/or/uri')}, or the same in a
 * catalog store ({@code codeanatomy sql} writes one, so no DDL is needed).
 */
public final class CpgCatalogFactory implements CatalogFactory {
    public static final String IDENTIFIER = "codeanatomy";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(ReadOptions.WAREHOUSE);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of();
    }

    @Override
    public Catalog createCatalog(Context context) {
        FactoryUtil.CatalogFactoryHelper helper = FactoryUtil.createCatalogFactoryHelper(this, context);
        helper.validate();
        String warehouse = helper.getOptions().get(ReadOptions.WAREHOUSE);
        try {
            warehouse = TablePaths.warehouse(warehouse).toString();
        } catch (IllegalArgumentException e) {
            throw new ValidationException("catalog '" + context.getName() + "': 'warehouse' = '" + warehouse + "': " + e.getMessage());
        }
        return new CpgCatalog(context.getName(), warehouse);
    }
}
