package io.codeanatomy.delta.kernel;

import io.delta.kernel.engine.MetricsReporter;
import io.delta.kernel.metrics.MetricsReport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kernel's report of every snapshot loaded and every transaction, as one JSON line at DEBUG. Kernel's
 * default engine logs each at INFO and makes its JSON whether or not the line is written: Jackson's
 * bean serialization, cold, for ~75 reports in a quick start (a snapshot per table per look, a
 * transaction per commit), which buried the log's own lines. Our committer logs each checkpoint's
 * commit at INFO with its tables and time; set this logger to DEBUG for Kernel's details.
 */
final class MetricsReportLog implements MetricsReporter {
    static final MetricsReportLog INSTANCE = new MetricsReportLog();
    private static final Logger LOG = LoggerFactory.getLogger(MetricsReportLog.class);

    private MetricsReportLog() {
    }

    @Override
    public void report(MetricsReport report) {
        if (LOG.isDebugEnabled()) {
            try {
                LOG.debug("{} = {}", report.getClass().getSimpleName(), report.toJson());
            } catch (Exception e) {
                LOG.debug("Kernel's {} could not be written as JSON: {}", report.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
