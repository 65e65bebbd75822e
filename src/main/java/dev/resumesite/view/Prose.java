package dev.resumesite.view;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Free text as people write it in a resume.json: a blank line starts a new paragraph, a line break
 * stays a line break, and lines that start with "- ", "* " or "• " become a bulleted list. HTML would
 * collapse all of it into one run-on paragraph. Templates call {@code prose.blocks(text)}.
 */
public final class Prose {
    private static final Pattern BULLET = Pattern.compile("^\\s*[-*•]\\s+(.*)$");

    /** A paragraph (its lines, shown with line breaks between them) or a list (its items). */
    public record Block(boolean list, List<String> lines) {
    }

    public List<Block> blocks(String text) {
        List<Block> blocks = new ArrayList<>();
        if (text == null) {
            return blocks;
        }
        List<String> lines = new ArrayList<>();
        boolean inList = false;
        for (String line : text.strip().split("\\R", -1)) {
            Matcher bullet = BULLET.matcher(line);
            boolean isItem = bullet.matches();
            boolean blank = line.isBlank();
            if (!lines.isEmpty() && (blank || isItem != inList)) {
                blocks.add(new Block(inList, List.copyOf(lines)));
                lines.clear();
            }
            if (!blank) {
                inList = isItem;
                lines.add(isItem ? bullet.group(1).strip() : line.strip());
            }
        }
        if (!lines.isEmpty()) {
            blocks.add(new Block(inList, List.copyOf(lines)));
        }
        return blocks;
    }
}
