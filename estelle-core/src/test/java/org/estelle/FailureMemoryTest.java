package org.estelle;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FailureMemoryTest {

    private final FailureMemory memory = new FailureMemory();

    @Test
    void verdictsOnTheFileAreRemembered() {
        memory.remember("a", ThumbnailFailedException.verdict("cannot thumbnail /x: truncated"));
        memory.remember("b", NotFoundException.notAnImage("source /y is not a recognised image"));
        assertThat(memory.recall("a")).get().extracting(EstelleException::status).isEqualTo(422);
        assertThat(memory.recall("b")).get().extracting(EstelleException::status).isEqualTo(404);
    }

    @Test
    void passingConditionsAreNot() {
        memory.remember("a", new NotFoundException("source /x cannot be read: permission denied"));
        memory.remember("b", new ThumbnailFailedException("cannot run vips: fork failed"));
        memory.remember("c", new InsufficientStorageException("disk full"));
        memory.remember("d", new BusyException("shutting down"));
        memory.remember("e", new CacheException("not writable"));
        assertThat(memory.size()).isZero();
    }
}
