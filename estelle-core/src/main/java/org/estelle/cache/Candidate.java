package org.estelle.cache;

/**
 * A thumbnail the evictor might remove: its file name (its identity), its
 * size, and when it was last accessed (nanoseconds since the epoch).
 */
record Candidate(String name, long size, long lastAccess) {
}
