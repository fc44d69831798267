package io.codeanatomy.delta.record;

import io.codeanatomy.delta.schema.TableSet;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink type information for {@link OwnedRows}: routes records through {@link OwnedRowsSerializer}. */
public final class OwnedRowsTypeInfo extends TypeInformation<OwnedRows> {
    private static final long serialVersionUID = 1L;

    private final TableSet tables;

    public OwnedRowsTypeInfo(TableSet tables) {
        this.tables = tables;
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<OwnedRows> getTypeClass() {
        return OwnedRows.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<OwnedRows> createSerializer(SerializerConfig config) {
        return new OwnedRowsSerializer(tables);
    }

    @Override
    public String toString() {
        return "OwnedRows";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof OwnedRowsTypeInfo;
    }

    @Override
    public int hashCode() {
        return OwnedRowsTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof OwnedRowsTypeInfo;
    }
}
