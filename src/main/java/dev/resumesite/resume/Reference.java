package dev.resumesite.resume;

/** What someone said about the person, and who said it. */
public record Reference(String name, String reference) {
}
