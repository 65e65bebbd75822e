package dev.resumesite.web;

import java.util.regex.Pattern;

/** Recognises IP address literals, so no header value is ever handed to a DNS lookup. */
final class IpLiteral {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

    private IpLiteral() {
    }

    static boolean looksLikeIp(String value) {
        return value != null && (IPV4.matcher(value).matches() || IPV6.matcher(value).matches());
    }
}
