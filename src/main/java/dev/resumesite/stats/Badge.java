package dev.resumesite.stats;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A shields.io-style badge: a grey label and a blue value, as an SVG with a {@code <title>} (what
 * screen readers and hovering show). Each part is as wide as its text in 11 px Verdana, measured
 * with Verdana's advance widths, and {@code textLength} holds the text to exactly that width, so any
 * number fits even where another font is substituted.
 */
public final class Badge {
    /** What a label may contain: short, printable, and nothing that needs more than XML escaping. */
    public static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 .,:_+()/#&'-]{0,31}");
    private static final int PADDING = 6;
    /** Verdana's advance widths (units of 1/2048 em) for ' ' to '~'; 11 px text uses 11/2048 of each. */
    private static final int[] VERDANA = {
        720, 806, 940, 1676, 1302, 2222, 1563, 550, 909, 909, 1302, 1676, 745, 856, 745, 909,
        1302, 1302, 1302, 1302, 1302, 1302, 1302, 1302, 1302, 1302, 909, 909, 1676, 1676, 1676, 1117,
        2048, 1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 862, 920, 1415, 1145, 1729, 1534, 1612,
        1240, 1612, 1423, 1401, 1264, 1510, 1401, 2027, 1405, 1264, 1405, 909, 909, 909, 1676, 1302,
        1302, 1229, 1276, 1067, 1276, 1220, 720, 1276, 1296, 562, 676, 1212, 562, 1992, 1296, 1243,
        1276, 1276, 874, 1067, 807, 1296, 1212, 1665, 1212, 1212, 1051, 1300, 909, 1300, 1676};

    private Badge() {
    }

    /** The badge's SVG text for {@code label} (checked against {@link #LABEL}) and {@code value}. */
    public static String svg(String label, String value) {
        if (!LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("not a badge label: " + label);
        }
        int labelText = textWidth(label);
        int valueText = textWidth(value);
        int labelWidth = labelText + 2 * PADDING;
        int valueWidth = valueText + 2 * PADDING;
        int width = labelWidth + valueWidth;
        String title = escape(label + ": " + value);
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"20\" viewBox=\"0 0 " + width
                + " 20\" role=\"img\" aria-label=\"" + title + "\">"
                + "<title>" + title + "</title>"
                + "<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" stop-opacity=\".1\"/>"
                + "<stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>"
                + "<clipPath id=\"r\"><rect width=\"" + width + "\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath>"
                + "<g clip-path=\"url(#r)\"><rect width=\"" + labelWidth + "\" height=\"20\" fill=\"#555\"/>"
                + "<rect x=\"" + labelWidth + "\" width=\"" + valueWidth + "\" height=\"20\" fill=\"#0a5aa8\"/>"
                + "<rect width=\"" + width + "\" height=\"20\" fill=\"url(#s)\"/></g>"
                + "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\" "
                + "text-rendering=\"geometricPrecision\" font-size=\"11\">"
                + text(labelWidth / 2.0, labelText, escape(label))
                + text(labelWidth + valueWidth / 2.0, valueText, escape(value))
                + "</g></svg>";
    }

    /** A text and its shadow one pixel below, as shields draws them. */
    private static String text(double centre, int length, String escaped) {
        String x = String.format(Locale.ROOT, "%.1f", centre);
        return "<text aria-hidden=\"true\" x=\"" + x + "\" y=\"15\" fill=\"#010101\" fill-opacity=\".3\" textLength=\""
                + length + "\">" + escaped + "</text>"
                + "<text aria-hidden=\"true\" x=\"" + x + "\" y=\"14\" textLength=\"" + length + "\">" + escaped + "</text>";
    }

    /** The width of {@code text} in 11 px Verdana, rounded up; characters outside the table count as wide ones. */
    static int textWidth(String text) {
        long units = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            units += c >= ' ' && c <= '~' ? VERDANA[c - ' '] : 2048;
        }
        return (int) Math.ceil(units * 11 / 2048.0);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
