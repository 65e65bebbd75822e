package dev.resumesite.resume;

/** A spoken language and how well the person speaks it. */
public record Language(String language, String fluency) {
}
