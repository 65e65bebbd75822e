package dev.resumesite.pdf;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.PageSizeUnits;
import java.util.Arrays;
import java.util.Optional;

/** The paper sizes {@code /resume.pdf} comes in: A4 by default, US Letter with {@code ?paper=letter}. */
public enum Paper {
    A4("a4", 210, 297, PageSizeUnits.MM),
    LETTER("letter", 8.5f, 11, PageSizeUnits.INCHES);

    private final String parameter;
    final float width;
    final float height;
    final PageSizeUnits units;

    Paper(String parameter, float width, float height, PageSizeUnits units) {
        this.parameter = parameter;
        this.width = width;
        this.height = height;
        this.units = units;
    }

    /** What {@code ?paper=} says: absent means A4; a value other than "a4" or "letter" is empty (a 400). */
    public static Optional<Paper> of(String parameter) {
        if (parameter == null) {
            return Optional.of(A4);
        }
        return Arrays.stream(values()).filter(paper -> paper.parameter.equals(parameter)).findFirst();
    }

    public String parameter() {
        return parameter;
    }
}
