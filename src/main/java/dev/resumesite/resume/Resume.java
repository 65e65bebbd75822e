package dev.resumesite.resume;

import java.util.List;

/**
 * The resume shown on the page: every section of the JSON Resume schema 1.3.1
 * (jsonresume.org/schema). Every list is non-null and no string is "", so templates test presence
 * with a plain {@code th:if}.
 */
public record Resume(
        Basics basics,
        List<Work> work,
        List<Volunteer> volunteer,
        List<Education> education,
        List<Award> awards,
        List<Certificate> certificates,
        List<Publication> publications,
        List<Skill> skills,
        List<Language> languages,
        List<Interest> interests,
        List<Reference> references,
        List<Project> projects,
        Meta meta) {

    public Resume {
        basics = basics == null ? new Basics(null, null, null, null, null, null, null, null, null) : basics;
        work = Lists.orEmpty(work);
        volunteer = Lists.orEmpty(volunteer);
        education = Lists.orEmpty(education);
        awards = Lists.orEmpty(awards);
        certificates = Lists.orEmpty(certificates);
        publications = Lists.orEmpty(publications);
        skills = Lists.orEmpty(skills);
        languages = Lists.orEmpty(languages);
        interests = Lists.orEmpty(interests);
        references = Lists.orEmpty(references);
        projects = Lists.orEmpty(projects);
        meta = meta == null ? new Meta(null, null, null) : meta;
    }
}
