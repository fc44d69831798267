package io.codeanatomy.delta.kernel;

import io.delta.kernel.metrics.MetricsReport;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Kernel's metrics reports: made into JSON only when they are logged, at DEBUG. */
class MetricsReportLogTest {
    private final AtomicInteger made = new AtomicInteger();
    private final MetricsReport report = () -> {
        made.incrementAndGet();
        return "{}";
    };

    @AfterEach
    void restore() {
        Configurator.setLevel(MetricsReportLog.class.getName(), (Level) null);
    }

    @Test
    void theEnginesReportersAreOnlyThisLog() {
        assertEquals(List.of(MetricsReportLog.INSTANCE), EngineFactory.create().getMetricsReporters());
    }

    @Test
    void aReportIsNotWrittenAsJsonUnlessDebugIsOn() {
        Configurator.setLevel(MetricsReportLog.class.getName(), Level.INFO);
        MetricsReportLog.INSTANCE.report(report);
        assertEquals(0, made.get(), "at INFO the report is not serialized");

        Configurator.setLevel(MetricsReportLog.class.getName(), Level.DEBUG);
        MetricsReportLog.INSTANCE.report(report);
        assertEquals(1, made.get(), "at DEBUG it is");
    }
}
