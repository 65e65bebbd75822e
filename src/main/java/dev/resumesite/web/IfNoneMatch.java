package dev.resumesite.web;

/** The {@code If-None-Match} test of a conditional GET, shared by everything served with an {@code ETag}. */
final class IfNoneMatch {
    private IfNoneMatch() {
    }

    /** Weak comparison (RFC 9110 13.1.2): "W/" is ignored on both sides; "*" matches anything. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String opaque = etag.replaceFirst("^W/", "");
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.replaceFirst("^W/", "").equals(opaque)) {
                return true;
            }
        }
        return false;
    }
}
