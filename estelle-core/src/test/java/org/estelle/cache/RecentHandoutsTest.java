package org.estelle.cache;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RecentHandoutsTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final RecentHandouts handouts = new RecentHandouts(Duration.ofNanos(60), now::get, 3);

    @Test
    void nameHandedOutIsProtectedForAtLeastOnePeriod() {
        handouts.record("a");
        now.addAndGet(59);
        assertThat(handouts.isProtected("a")).isTrue();
        now.addAndGet(60); // one rotation later it is in the previous generation
        assertThat(handouts.isProtected("a")).isTrue();
    }

    @Test
    void protectionEndsAfterTwoPeriods() {
        handouts.record("a");
        now.addAndGet(60);
        assertThat(handouts.isProtected("a")).isTrue();
        now.addAndGet(60);
        assertThat(handouts.isProtected("a")).isFalse();
    }

    @Test
    void longQuietSpellForgetsEverything() {
        handouts.record("a");
        now.addAndGet(1_000);
        assertThat(handouts.isProtected("a")).isFalse();
    }

    @Test
    void memoryIsBoundedByTheCapacity() {
        for (String name : new String[] {"a", "b", "c", "d"}) {
            handouts.record(name);
        }
        assertThat(handouts.isProtected("c")).isTrue();
        assertThat(handouts.isProtected("d")).as("past the cap, unprotected rather than unbounded").isFalse();
    }

    @Test
    void otherNamesAreNotProtected() {
        handouts.record("a");
        assertThat(handouts.isProtected("b")).isFalse();
    }
}
