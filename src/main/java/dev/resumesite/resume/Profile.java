package dev.resumesite.resume;

/** An account elsewhere on the web, e.g. network "GitHub", username "alindqvist". */
public record Profile(String network, String username, String url) {
}
