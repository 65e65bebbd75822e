package dev.resumesite.visitor;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A visitor's key for one day: HMAC-SHA-256 over address, user agent and site, under the day's
 * secret, cut to 128 bits. The same person on the same device gets the same key all day, and once
 * the secret is deleted no one (us included) can tell whose key it was. Address and user agent are
 * used here and nowhere else: never stored, never logged.
 */
final class VisitorKeys {
    private static final int KEY_BYTES = 16;
    /** A Mac per thread, keyed with the secret it was last given (DailySecrets hands out one array a day): building one per request costs more than the hash. */
    private static final ThreadLocal<KeyedMac> MACS = new ThreadLocal<>();

    private record KeyedMac(byte[] secret, Mac mac) {
    }

    private VisitorKeys() {
    }

    static String of(byte[] daySecret, String address, String userAgent, String site) {
        try {
            KeyedMac keyed = MACS.get();
            if (keyed == null || keyed.secret() != daySecret) {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(daySecret, "HmacSHA256"));
                keyed = new KeyedMac(daySecret, mac);
                MACS.set(keyed);
            }
            Mac mac = keyed.mac(); // doFinal resets it for the next key
            // Separated by a byte no header can contain, so "a" + "bc" never equals "ab" + "c".
            byte[] digest = mac.doFinal((address + '\n' + userAgent + '\n' + site).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, KEY_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
