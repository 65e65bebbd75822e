package dev.resumesite.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * The address ranges whose forwarding headers are believed (the load balancer, the local nginx).
 * Anything else could write {@code X-Forwarded-For} itself, so its headers are ignored.
 */
public final class TrustedProxies {
    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = ranges;
    }

    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    /** Parses {@code 10.0.0.0/8,127.0.0.1/32,::1/128}; throws IllegalArgumentException on a bad entry. */
    public static TrustedProxies parse(String cidrs) {
        return new TrustedProxies(Arrays.stream(cidrs.split(","))
                .map(String::trim)
                .filter(entry -> !entry.isEmpty())
                .map(Range::parse)
                .toList());
    }

    public boolean contains(String address) {
        if (ranges.isEmpty() || !IpLiteral.looksLikeIp(address)) {
            return false;
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        return ranges.stream().anyMatch(range -> range.contains(bytes));
    }

    private record Range(byte[] network, int prefix) {
        static Range parse(String cidr) {
            String[] parts = cidr.split("/", -1);
            if (parts.length != 2 || !IpLiteral.looksLikeIp(parts[0])) {
                throw new IllegalArgumentException("not a CIDR range: " + cidr);
            }
            try {
                byte[] network = InetAddress.getByName(parts[0]).getAddress();
                int prefix = Integer.parseInt(parts[1]);
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException("prefix out of range: " + cidr);
                }
                return new Range(network, prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("not a CIDR range: " + cidr, e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
