package dev.resumesite.counter;

/**
 * Makes a write idempotent: the store applies a write only if its sequence is above the last one it
 * applied for the same writer, so retrying a write whose answer was lost cannot count twice.
 * Sequences of one writer must rise strictly, and one writer sends one write at a time.
 */
public record WriteToken(String writer, long sequence) {
    public WriteToken {
        if (!writer.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("writer id must be 1-64 letters, digits or dashes: " + writer);
        }
    }
}
