package dev.resumesite.visitor;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys under which this process remembers an address or a user agent in memory: HMAC-SHA-256 under
 * a random key made at start-up and never stored or logged, cut to 128 bits. A heap dump holds no raw
 * address or user agent as a key, and after a restart nobody can recompute one.
 */
final class MemoryKeys {
    private static final int KEY_BYTES = 16;

    private final ThreadLocal<Mac> macs;

    MemoryKeys() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        SecretKeySpec key = new SecretKeySpec(secret, "HmacSHA256");
        // One Mac per thread: building one per request costs more than the hash.
        macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("every Java runtime has HmacSHA256", e);
            }
        });
    }

    String of(byte[] value) {
        byte[] digest = macs.get().doFinal(value); // doFinal resets the Mac for the next key
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, KEY_BYTES));
    }

    String of(String value) {
        return of(value.getBytes(StandardCharsets.UTF_8));
    }
}
