package org.estelle.queue;

import org.estelle.BusyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchedulerTest {

    private Scheduler scheduler;
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch blockerStarted = new CountDownLatch(1);

    @AfterEach
    void tearDown() {
        release.countDown();
        if (scheduler != null) {
            scheduler.shutdown(Duration.ofSeconds(5));
        }
    }

    /** Occupies the only worker until {@link #release} opens. */
    private void occupyTheWorker() throws Exception {
        scheduler.submit("blocker", Priority.WAITING, () -> {
            blockerStarted.countDown();
            release.await();
            return "blocker";
        });
        assertThat(blockerStarted.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void sameKeyJoinsTheTaskAndRunsOnce() throws Exception {
        scheduler = new Scheduler(1, 10);
        occupyTheWorker();
        AtomicInteger runs = new AtomicInteger();
        List<CompletableFuture<String>> futures = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 20; i++) {
            futures.add(scheduler.submit("k", Priority.WAITING, () -> "made " + runs.incrementAndGet()));
        }
        assertThat(scheduler.queued()).isEqualTo(1);
        release.countDown();
        for (CompletableFuture<String> future : futures) {
            assertThat(future.get(5, TimeUnit.SECONDS)).isEqualTo("made 1");
        }
        assertThat(runs).hasValue(1);
    }

    @Test
    void fullQueueRefusesAtOnceButStillLetsJoin() throws Exception {
        scheduler = new Scheduler(1, 2);
        occupyTheWorker();
        scheduler.submit("a", Priority.BACKGROUND, () -> "a");
        scheduler.submit("b", Priority.BACKGROUND, () -> "b");

        assertThatThrownBy(() -> scheduler.submit("c", Priority.WAITING, () -> "c"))
                .isInstanceOfSatisfying(BusyException.class, e -> assertThat(e.status()).isEqualTo(503))
                .hasMessageContaining("queue is full");
        CompletableFuture<String> joined = scheduler.submit("a", Priority.WAITING, () -> "never run");
        release.countDown();
        assertThat(joined.get(5, TimeUnit.SECONDS)).isEqualTo("a");
    }

    @Test
    void waitingWorkRunsBeforeBackgroundWorkAndJoiningPromotes() throws Exception {
        scheduler = new Scheduler(1, 10);
        occupyTheWorker();
        List<String> order = new CopyOnWriteArrayList<>();
        scheduler.submit("bg1", Priority.BACKGROUND, () -> order.add("bg1"));
        CompletableFuture<Boolean> last = scheduler.submit("bg2", Priority.BACKGROUND, () -> order.add("bg2"));
        scheduler.submit("bg3", Priority.BACKGROUND, () -> order.add("bg3"));
        scheduler.submit("get1", Priority.WAITING, () -> order.add("get1"));
        scheduler.submit("bg3", Priority.WAITING, () -> order.add("never"));  // a /get for a queued thumbnail
        scheduler.submit("get2", Priority.WAITING, () -> order.add("get2"));

        release.countDown();
        last.get(5, TimeUnit.SECONDS); // the last to run: shutting down earlier would fail what is still queued
        scheduler.shutdown(Duration.ofSeconds(5));

        assertThat(order).containsExactly("get1", "bg3", "get2", "bg1", "bg2");
    }

    @Test
    void cancellingAFutureDoesNotCancelTheWork() throws Exception {
        scheduler = new Scheduler(1, 10);
        occupyTheWorker();
        CountDownLatch ran = new CountDownLatch(1);
        CompletableFuture<String> first = scheduler.submit("k", Priority.WAITING, () -> {
            ran.countDown();
            return "done";
        });
        CompletableFuture<String> second = scheduler.submit("k", Priority.WAITING, () -> "never");

        first.cancel(true); // the client went away
        release.countDown();

        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("done");
    }

    @Test
    void failureReachesEveryJoinerAndTheKeyCanBeTriedAgain() throws Exception {
        scheduler = new Scheduler(1, 10);
        CompletableFuture<String> failed = scheduler.submit("k", Priority.WAITING, () -> {
            throw new IllegalStateException("boom");
        });
        assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("boom");
        await(() -> !scheduler.isInFlight("k"));
        assertThat(scheduler.submit("k", Priority.WAITING, () -> "ok").get(5, TimeUnit.SECONDS)).isEqualTo("ok");
    }

    @Test
    void shutdownFailsQueuedWorkAndLetsRunningWorkFinish() throws Exception {
        scheduler = new Scheduler(1, 10);
        CompletableFuture<String> running = scheduler.submit("running", Priority.WAITING, () -> {
            blockerStarted.countDown();
            release.await();
            return "finished";
        });
        assertThat(blockerStarted.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> queued = scheduler.submit("queued", Priority.BACKGROUND, () -> "never");

        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> scheduler.shutdown(Duration.ofSeconds(5)));
        assertThatThrownBy(() -> queued.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(BusyException.class);
        assertThatThrownBy(() -> scheduler.submit("late", Priority.WAITING, () -> "x")).isInstanceOf(BusyException.class);
        release.countDown();

        assertThat(running.get(5, TimeUnit.SECONDS)).isEqualTo("finished");
        assertThat(drained.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void afterTheGracePeriodWaitersAreAnsweredAndTheWorkerInterrupted() throws Exception {
        scheduler = new Scheduler(1, 10);
        CountDownLatch interrupted = new CountDownLatch(1);
        CompletableFuture<String> stuck = scheduler.submit("stuck", Priority.WAITING, () -> {
            blockerStarted.countDown();
            try {
                new CountDownLatch(1).await(); // forever
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return "late";
        });
        assertThat(blockerStarted.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(scheduler.shutdown(Duration.ofMillis(100))).isFalse();

        assertThatThrownBy(() -> stuck.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(BusyException.class);
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 5 s");
            }
            Thread.sleep(5);
        }
    }
}
