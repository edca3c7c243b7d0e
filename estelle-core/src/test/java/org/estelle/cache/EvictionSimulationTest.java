package org.estelle.cache;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EvictionSimulationTest {

    @Test
    void sampledLruComesWithin97PercentOfExactLruOnAZipfTrace() {
        // The figures in docs/BENCHMARKS.md come from the full run (bench/eviction-simulation);
        // a shorter trace here keeps the suite fast while still failing if the policy degrades.
        EvictionSimulation simulation = new EvictionSimulation(100_000, 10_000, 400_000, 0.9, 42);
        EvictionSimulation.Result result = simulation.run(SampledLru.SHARDS_PER_ROUND, 7);
        assertThat(result.lruHitRatio()).isBetween(0.3, 0.9);
        assertThat(result.ratio()).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void oneShardPerRoundIsMeasurablyWorse() {
        // Shows the simulation can tell policies apart: sampling too little loses hits.
        EvictionSimulation simulation = new EvictionSimulation(100_000, 10_000, 400_000, 0.9, 42);
        assertThat(simulation.run(1, 7).sampledHitRatio())
                .isLessThan(simulation.run(SampledLru.SHARDS_PER_ROUND, 7).sampledHitRatio());
    }
}
