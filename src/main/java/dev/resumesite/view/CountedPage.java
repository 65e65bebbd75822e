package dev.resumesite.view;

import dev.resumesite.config.ConfigException;
import dev.resumesite.counter.Count;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.thymeleaf.exceptions.TemplateProcessingException;

/**
 * A page that differs between requests only in its visitor number. Thymeleaf renders it once per
 * variant (exact, updating) at start-up with markers where the number goes; each request then only
 * splices its number in. Rendering the whole resume per request cost ~8 ms of CPU and capped the site
 * at a few hundred pages a second; splicing costs microseconds.
 */
public final class CountedPage {
    private static final String VALUE_MARKER = "@@visitor-count-value@@";
    private static final String TEXT_MARKER = "@@visitor-count-text@@";
    private static final Pattern MARKERS = Pattern.compile(Pattern.quote(VALUE_MARKER) + "|" + Pattern.quote(TEXT_MARKER));

    private final Variant exact;
    private final Variant updating;

    public CountedPage(PageRenderer renderer, String template) {
        this.exact = Variant.of(renderer, template, false);
        this.updating = Variant.of(renderer, template, true);
    }

    /** The page for this count, as UTF-8 bytes. */
    public byte[] render(Count count) {
        return (count.updating() ? updating : exact).with(Long.toString(count.value()), count.formatted());
    }

    /** What the template sees as {@code count} while it is rendered with markers. */
    public record Slots(String value, String formatted, boolean updating) {
    }

    private record Variant(List<byte[]> segments, List<Boolean> slotIsValue) {
        static Variant of(PageRenderer renderer, String template, boolean updating) {
            String html;
            try {
                html = renderer.render(template, Map.of("count", new Slots(VALUE_MARKER, TEXT_MARKER, updating)));
            } catch (TemplateProcessingException e) {
                throw new ConfigException("templates/" + template + ".html: " + e.getMessage()
                        + "; fix the template or the content it reads");
            }
            List<byte[]> segments = new ArrayList<>();
            List<Boolean> slots = new ArrayList<>();
            Matcher m = MARKERS.matcher(html);
            int from = 0;
            while (m.find()) {
                segments.add(html.substring(from, m.start()).getBytes(StandardCharsets.UTF_8));
                slots.add(m.group().equals(VALUE_MARKER));
                from = m.end();
            }
            segments.add(html.substring(from).getBytes(StandardCharsets.UTF_8));
            if (!slots.contains(true) || !slots.contains(false)) {
                throw new ConfigException("templates/" + template + ".html: the page must show ${count.value()} and "
                        + "${count.formatted()}; put them on the #visitor-count element");
            }
            return new Variant(segments, slots);
        }

        byte[] with(String value, String text) {
            byte[] valueBytes = value.getBytes(StandardCharsets.US_ASCII);
            byte[] textBytes = text.getBytes(StandardCharsets.UTF_8);
            int length = 0;
            for (byte[] segment : segments) {
                length += segment.length;
            }
            for (boolean isValue : slotIsValue) {
                length += isValue ? valueBytes.length : textBytes.length;
            }
            byte[] page = new byte[length];
            int at = 0;
            for (int i = 0; i < segments.size(); i++) {
                byte[] segment = segments.get(i);
                System.arraycopy(segment, 0, page, at, segment.length);
                at += segment.length;
                if (i < slotIsValue.size()) {
                    byte[] slot = slotIsValue.get(i) ? valueBytes : textBytes;
                    System.arraycopy(slot, 0, page, at, slot.length);
                    at += slot.length;
                }
            }
            return page;
        }
    }
}
