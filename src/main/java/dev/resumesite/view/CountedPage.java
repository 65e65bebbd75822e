package dev.resumesite.view;

import dev.resumesite.config.ConfigException;
import dev.resumesite.counter.Count;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.thymeleaf.exceptions.TemplateProcessingException;

/**
 * A page that differs between requests only in its numbers (page views and unique visitors). Thymeleaf renders it once per
 * variant (exact, updating) at start-up with markers where the number goes; each request then only
 * splices its number in. Rendering the whole resume per request cost ~8 ms of CPU and capped the site
 * at a few hundred pages a second; splicing costs microseconds.
 */
public final class CountedPage {
    /** What the template prints for each number; each request splices in the real text at that place. */
    private static final List<String> MARKERS = List.of(
            "@@count-views@@", "@@count-views-text@@", "@@count-visitors@@", "@@count-visitors-text@@");
    private static final Pattern ANY_MARKER = Pattern.compile(String.join("|", MARKERS));

    private final Variant exact;
    private final Variant updating;

    public CountedPage(PageRenderer renderer, String template) {
        this.exact = Variant.of(renderer, template, false);
        this.updating = Variant.of(renderer, template, true);
    }

    /** The page for this count, ready to be written. */
    public Page render(Count count) {
        return (count.updating() ? updating : exact).with(List.of(
                Long.toString(count.views()), count.viewsText(), Long.toString(count.visitors()), count.visitorsText()));
    }

    /**
     * One request's page: the shared segments and this request's numbers, written straight to the
     * response, so no page-sized array is built and copied per request.
     */
    public record Page(List<byte[]> segments, List<Integer> slots, List<byte[]> texts) {
        /** The page's length in bytes, for {@code Content-Length}. */
        public int length() {
            int length = 0;
            for (byte[] segment : segments) {
                length += segment.length;
            }
            for (int slot : slots) {
                length += texts.get(slot).length;
            }
            return length;
        }

        public void writeTo(OutputStream out) throws IOException {
            for (int i = 0; i < segments.size(); i++) {
                out.write(segments.get(i));
                if (i < slots.size()) {
                    out.write(texts.get(slots.get(i)));
                }
            }
        }
    }

    /** What the template sees as {@code count} while it is rendered with markers. */
    public record Slots(String views, String viewsText, String visitors, String visitorsText, boolean updating) {
    }

    /** The rendered page cut at the markers: segments, and which number goes after each but the last. */
    private record Variant(List<byte[]> segments, List<Integer> slots) {
        static Variant of(PageRenderer renderer, String template, boolean updating) {
            String html;
            try {
                html = renderer.render(template, Map.of("count",
                        new Slots(MARKERS.get(0), MARKERS.get(1), MARKERS.get(2), MARKERS.get(3), updating)));
            } catch (TemplateProcessingException e) {
                throw new ConfigException("templates/" + template + ".html: " + e.getMessage()
                        + "; fix the template or the content it reads");
            }
            List<byte[]> segments = new ArrayList<>();
            List<Integer> slots = new ArrayList<>();
            Matcher m = ANY_MARKER.matcher(html);
            int from = 0;
            while (m.find()) {
                segments.add(html.substring(from, m.start()).getBytes(StandardCharsets.UTF_8));
                slots.add(MARKERS.indexOf(m.group()));
                from = m.end();
            }
            segments.add(html.substring(from).getBytes(StandardCharsets.UTF_8));
            if (!slots.containsAll(List.of(0, 1, 2, 3))) {
                throw new ConfigException("templates/" + template + ".html: the page must show ${count.views()}, "
                        + "${count.viewsText()}, ${count.visitors()} and ${count.visitorsText()}; put them on the "
                        + "#visitor-count and #unique-visitors elements");
            }
            return new Variant(segments, slots);
        }

        Page with(List<String> values) {
            return new Page(segments, slots, values.stream().map(value -> value.getBytes(StandardCharsets.UTF_8)).toList());
        }
    }
}
