package dev.resumesite.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.resumesite.view.Prose.Block;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ProseTest {
    private final Prose prose = new Prose();

    @Test
    void blank_lines_split_paragraphs_and_single_breaks_stay_inside_one() {
        assertEquals(List.of(new Block(false, List.of("One", "two")), new Block(false, List.of("Three"))),
                prose.blocks("One\ntwo\n\n\nThree"));
    }

    @Test
    void dash_star_and_bullet_lines_become_one_list_between_paragraphs() {
        assertEquals(List.of(
                        new Block(false, List.of("I do:")),
                        new Block(true, List.of("ETL", "data quality", "mentoring")),
                        new Block(false, List.of("Thanks."))),
                prose.blocks("I do:\n- ETL\n* data quality\r\n  • mentoring\nThanks."));
    }

    @Test
    void a_hyphen_inside_a_line_is_not_a_list() {
        assertEquals(List.of(new Block(false, List.of("Full-stack -and- proud"))), prose.blocks("Full-stack -and- proud"));
    }
}
