package org.estelle.queue;

import org.estelle.BusyException;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs keyed work on a fixed number of worker threads, at most once at a time
 * per key.
 *
 * <ul>
 * <li><b>Bounded:</b> at most {@code capacity} tasks wait for a worker;
 *     submitting one more fails at once with {@link BusyException}, never waits.</li>
 * <li><b>Single flight:</b> work submitted under a key that is already
 *     waiting or running joins that task's future; it takes no queue slot.</li>
 * <li><b>Priority:</b> {@link Priority#WAITING} tasks are taken before
 *     {@link Priority#BACKGROUND} ones, each in arrival order; joining a
 *     waiting background task with {@code WAITING} moves it to the front line.</li>
 * <li><b>No cancellation:</b> a caller that stops caring does not cancel the
 *     task; the futures handed out cannot cancel it either.</li>
 * </ul>
 *
 * <p>Ownership: {@link #inFlight} maps each key to its task from submission
 * until the task's future is complete; entries are added under {@link #lock}
 * and removed by the worker that ran the task, so a lock-free lookup may join.
 * The two queues, {@link #runningTasks} and {@link #shutdown} belong to
 * {@link #lock}. Workers are platform threads: engines may pin them in
 * native code or in a child process wait.
 */
public final class Scheduler {

    private final int capacity;
    private final ConcurrentHashMap<String, Task> inFlight = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Task> waitingQueue = new ArrayDeque<>();
    private final ArrayDeque<Task> backgroundQueue = new ArrayDeque<>();
    private final List<Thread> workers = new ArrayList<>();
    private final java.util.Set<Task> runningTasks = new java.util.HashSet<>();
    private boolean shutdown;

    /**
     * Starts {@code workers} worker threads.
     *
     * @param capacity how many tasks may wait for a worker
     */
    public Scheduler(int workers, int capacity) {
        if (workers < 1 || capacity < 1) {
            throw new IllegalArgumentException("workers and capacity must be positive");
        }
        this.capacity = capacity;
        for (int i = 1; i <= workers; i++) {
            Thread worker = Thread.ofPlatform().name("estelle-worker-" + i).daemon(true).unstarted(this::work);
            this.workers.add(worker);
            worker.start();
        }
    }

    /**
     * Runs {@code work} under {@code key}, or joins the task already doing so.
     *
     * @return a future completed with the work's result or failure; cancelling it
     *         has no effect on the task
     * @throws BusyException if the queue is full or the scheduler is shut down
     */
    public <T> CompletableFuture<T> submit(String key, Priority priority, Callable<T> work) {
        Task task = inFlight.get(key);
        if (task == null || (priority == Priority.WAITING && task.priority == Priority.BACKGROUND)) {
            lock.lock();
            try {
                task = inFlight.get(key);
                if (task == null) {
                    task = enqueue(key, priority, work);
                } else if (priority == Priority.WAITING) {
                    promote(task);
                }
            } finally {
                lock.unlock();
            }
        }
        @SuppressWarnings("unchecked")
        CompletableFuture<T> result = (CompletableFuture<T>) task.future;
        return result.copy(); // a caller's cancel() must not reach the shared future
    }

    /** Whether work under {@code key} is waiting or running. */
    boolean isInFlight(String key) {
        return inFlight.containsKey(key);
    }

    /** How many tasks wait for a worker. */
    public int queued() {
        lock.lock();
        try {
            return waitingQueue.size() + backgroundQueue.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops taking work: tasks still in the queue fail with {@link BusyException},
     * running ones may finish within {@code grace}; after it, those waiting
     * for them get {@link BusyException} too, and the workers are interrupted.
     *
     * @return whether every running task finished in time
     */
    public boolean shutdown(Duration grace) {
        List<Task> abandoned = new ArrayList<>();
        lock.lock();
        try {
            shutdown = true;
            abandoned.addAll(waitingQueue);
            abandoned.addAll(backgroundQueue);
            waitingQueue.clear();
            backgroundQueue.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (Task task : abandoned) {
            inFlight.remove(task.key, task);
            task.future.completeExceptionally(new BusyException("estelled is shutting down"));
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread worker : workers) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !worker.join(Duration.ofNanos(left))) {
                    abandonRunning();
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abandonRunning();
                return false;
            }
        }
        return true;
    }

    /** The grace period is over: answer those waiting for running tasks, and interrupt the workers. */
    private void abandonRunning() {
        List<Task> abandoned;
        lock.lock();
        try {
            abandoned = new ArrayList<>(runningTasks);
        } finally {
            lock.unlock();
        }
        for (Task task : abandoned) {
            task.future.completeExceptionally(new BusyException("estelled is shutting down"));
        }
        workers.forEach(Thread::interrupt); // an engine waiting on a child process kills it
    }

    // Caller holds the lock.
    private Task enqueue(String key, Priority priority, Callable<?> work) {
        if (shutdown) {
            throw new BusyException("estelled is shutting down");
        }
        if (waitingQueue.size() + backgroundQueue.size() >= capacity) {
            throw new BusyException("the queue is full (" + capacity + " tasks wait for a worker); try again later");
        }
        Task task = new Task(key, priority, work);
        inFlight.put(key, task);
        (priority == Priority.WAITING ? waitingQueue : backgroundQueue).addLast(task);
        changed.signal();
        return task;
    }

    // Caller holds the lock. A task already taken by a worker is in neither queue.
    private void promote(Task task) {
        if (task.priority == Priority.BACKGROUND && backgroundQueue.remove(task)) {
            task.priority = Priority.WAITING;
            waitingQueue.addLast(task);
        }
    }

    private void work() {
        while (true) {
            Task task;
            lock.lock();
            try {
                while (waitingQueue.isEmpty() && backgroundQueue.isEmpty()) {
                    if (shutdown) {
                        return;
                    }
                    changed.awaitUninterruptibly();
                }
                task = waitingQueue.isEmpty() ? backgroundQueue.pollFirst() : waitingQueue.pollFirst();
                runningTasks.add(task);
            } finally {
                lock.unlock();
            }
            try {
                task.future.complete(task.work.call());
            } catch (Throwable failure) {
                task.future.completeExceptionally(failure);
            } finally {
                inFlight.remove(task.key, task);
                lock.lock();
                try {
                    runningTasks.remove(task);
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** How many tasks a worker is running now. */
    public int running() {
        lock.lock();
        try {
            return runningTasks.size();
        } finally {
            lock.unlock();
        }
    }

    private static final class Task {
        final String key;
        final Callable<?> work;
        final CompletableFuture<Object> future = new CompletableFuture<>();
        volatile Priority priority; // written under the scheduler's lock; read without it to skip the lock

        Task(String key, Priority priority, Callable<?> work) {
            this.key = key;
            this.priority = priority;
            this.work = work;
        }
    }
}
