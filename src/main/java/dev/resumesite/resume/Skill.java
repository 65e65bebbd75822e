package dev.resumesite.resume;

import java.util.List;

/** A skill area ("Cloud platforms"), how strong it is ("Expert") and the tools within it. */
public record Skill(String name, String level, List<String> keywords) {

    public Skill {
        keywords = Lists.orEmpty(keywords);
    }
}
