package dev.resumesite.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

@Tag("unit")
class BadgeTest {

    @Test
    void any_number_fits_because_the_value_part_grows_with_its_text() throws Exception {
        int small = width(Badge.svg("page views", "7"));
        int large = width(Badge.svg("page views", "12,345,678,901"));
        assertTrue(large - small >= 13 * 6, small + " -> " + large);
    }

    @Test
    void widths_follow_verdana_so_narrow_letters_take_less_room() {
        assertTrue(Badge.textWidth("iiii") < Badge.textWidth("WWWW"));
        assertEquals(Badge.textWidth("1234567890"), 70, 1, "digits are 7 px wide at 11 px");
    }

    @Test
    void the_badge_is_well_formed_svg_with_a_title_and_an_escaped_label() throws Exception {
        Document svg = xml(Badge.svg("views & more", "1,234"));
        assertEquals("http://www.w3.org/2000/svg", svg.getDocumentElement().getNamespaceURI());
        assertEquals("img", svg.getDocumentElement().getAttribute("role"));
        assertEquals("views & more: 1,234", svg.getElementsByTagName("title").item(0).getTextContent());
    }

    @Test
    void labels_outside_the_allowed_set_are_refused() {
        for (String label : new String[] {"", " lead", "<b>", "x".repeat(33), "quote\"", "tab\t"}) {
            assertThrows(IllegalArgumentException.class, () -> Badge.svg(label, "1"), label);
        }
    }

    private static int width(String svg) throws Exception {
        return Integer.parseInt(xml(svg).getDocumentElement().getAttribute("width"));
    }

    private static Document xml(String text) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
