package dev.resumesite.net;

import java.util.regex.Pattern;

/**
 * Recognises IP address literals, so no header value is ever handed to a DNS lookup: a dotted quad
 * whose parts are 0-255, or a string with a colon (which {@code InetAddress} parses as an IPv6
 * literal or rejects, never resolves). {@code 999.1.1.7} or {@code evil.example} are not addresses.
 */
public final class IpLiteral {
    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

    private IpLiteral() {
    }

    public static boolean looksLikeIp(String value) {
        return value != null && value.length() <= 45 && (IPV4.matcher(value).matches() || IPV6.matcher(value).matches());
    }
}
