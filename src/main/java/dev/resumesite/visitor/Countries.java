package dev.resumesite.visitor;

import dev.resumesite.counter.ReaderOrigin;
import java.util.regex.Pattern;

/**
 * The reader's country as CloudFront reports it in {@code CloudFront-Viewer-Country} (ISO 3166-1
 * alpha-2, upper case), believed only when a trusted proxy passed it on: anyone else could write the
 * header. Without it (running locally, or a value that is not two letters A-Z) the country is
 * {@value ReaderOrigin#UNKNOWN}.
 */
public final class Countries {
    private static final Pattern CODE = Pattern.compile("[A-Z]{2}");

    private Countries() {
    }

    /** @param trustedHeader the header as a trusted proxy passed it, or null when there was none or it was not trusted */
    public static String of(String trustedHeader) {
        if (trustedHeader == null) {
            return ReaderOrigin.UNKNOWN;
        }
        String code = trustedHeader.trim();
        return CODE.matcher(code).matches() ? code : ReaderOrigin.UNKNOWN;
    }
}
