package org.estelle.daemon.http;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import org.estelle.EstelleStats;
import org.estelle.GenerationObserver;
import org.estelle.GenerationOutcome;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * What {@code /metrics} exposes, in a registry of its own (no global state).
 * Counts that the library keeps anyway (hits, misses, queue, cache size,
 * evictions) are read from {@link EstelleStats} when scraped; requests and
 * generations are counted as they happen.
 */
public final class Metrics implements GenerationObserver {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Counter generations;
    private final Histogram generationSeconds;

    public Metrics() {
        requests = Counter.builder().name("estelle_requests_total")
                .help("HTTP requests answered, by endpoint and status")
                .labelNames("endpoint", "status").register(registry);
        generations = Counter.builder().name("estelle_generations_total")
                .help("Thumbnails the engine was asked to make, by engine and outcome")
                .labelNames("engine", "outcome").register(registry);
        generationSeconds = Histogram.builder().name("estelle_generation_duration_seconds")
                .help("Time to make one thumbnail, by engine").unit(Unit.SECONDS)
                .classicUpperBounds(0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120)
                .labelNames("engine").register(registry);
    }

    /** Registers the gauges and counters read from the library's own counts. */
    public Metrics observing(Supplier<EstelleStats> stats) {
        CounterWithCallback.builder().name("estelle_cache_hits_total").help("Requests answered from the cache")
                .callback(cb -> cb.call(stats.get().hits())).register(registry);
        CounterWithCallback.builder().name("estelle_cache_misses_total").help("Requests that needed a thumbnail made")
                .callback(cb -> cb.call(stats.get().misses())).register(registry);
        CounterWithCallback.builder().name("estelle_evictions_total").help("Thumbnails removed to stay within the limit")
                .callback(cb -> cb.call(stats.get().evictions())).register(registry);
        GaugeWithCallback.builder().name("estelle_queue_depth").help("Tasks waiting for a worker")
                .callback(cb -> cb.call(stats.get().queued())).register(registry);
        GaugeWithCallback.builder().name("estelle_tasks_running").help("Thumbnails being made now")
                .callback(cb -> cb.call(stats.get().running())).register(registry);
        GaugeWithCallback.builder().name("estelle_cache_bytes").help("Bytes the cached thumbnails take").unit(Unit.BYTES)
                .callback(cb -> cb.call(stats.get().cacheBytes())).register(registry);
        GaugeWithCallback.builder().name("estelle_cache_limit_bytes").help("ESTELLE_CACHE_LIMIT").unit(Unit.BYTES)
                .callback(cb -> cb.call(stats.get().cacheLimit())).register(registry);
        GaugeWithCallback.builder().name("estelle_failures_remembered")
                .help("Sources known to fail, answered without decoding")
                .callback(cb -> cb.call(stats.get().failuresRemembered())).register(registry);
        return this;
    }

    void request(String endpoint, int status) {
        requests.labelValues(endpoint, Integer.toString(status)).inc();
    }

    @Override
    public void generated(String engine, GenerationOutcome outcome, Duration duration) {
        generations.labelValues(engine, outcome.label()).inc();
        generationSeconds.labelValues(engine).observe(duration.toNanos() / 1e9);
    }

    MetricSnapshots scrape() {
        return registry.scrape();
    }
}
