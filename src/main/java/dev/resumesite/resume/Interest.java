package dev.resumesite.resume;

import java.util.List;

/** Something the person does for fun, with a few specifics. */
public record Interest(String name, List<String> keywords) {

    public Interest {
        keywords = Lists.orEmpty(keywords);
    }
}
