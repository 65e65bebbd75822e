package dev.resumesite.visitor;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * What one client controls: an IPv4 address, or the /64 of an IPv6 address (a single home or phone
 * gets a whole /64 and may use any address in it). IPv4-mapped IPv6 addresses count as their IPv4.
 */
final class AddressGroup {
    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern DOTTED_QUAD = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");

    private AddressGroup() {
    }

    /** The group's bytes; a value that is not an address literal stands for itself (never looked up in DNS). */
    static byte[] of(String address) {
        try {
            if (address.indexOf(':') >= 0) {
                // In brackets Java parses an IPv6 literal or refuses it; it never asks DNS.
                InetAddress parsed = InetAddress.getByName("[" + address.split("%", 2)[0] + "]");
                byte[] bytes = parsed.getAddress();
                return parsed instanceof Inet4Address ? bytes : Arrays.copyOf(bytes, 8);
            }
            if (DOTTED_QUAD.matcher(address).matches()) {
                return InetAddress.getByName(address).getAddress();
            }
        } catch (UnknownHostException e) {
            // Not a literal after all: falls through.
        }
        return address.getBytes(StandardCharsets.UTF_8);
    }
}
