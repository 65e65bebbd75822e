package dev.resumesite.resume;

import java.util.List;

/**
 * The resume shown on the page: the subset of the JSON Resume schema (jsonresume.org/schema) that
 * the template renders. Every list is non-null, so templates iterate without null checks.
 */
public record Resume(
        Basics basics,
        List<Work> work,
        List<Volunteer> volunteer,
        List<Education> education,
        List<Award> awards,
        List<Certificate> certificates,
        List<Skill> skills,
        List<Language> languages,
        List<Interest> interests,
        List<Project> projects) {

    public Resume {
        work = Lists.orEmpty(work);
        volunteer = Lists.orEmpty(volunteer);
        education = Lists.orEmpty(education);
        awards = Lists.orEmpty(awards);
        certificates = Lists.orEmpty(certificates);
        skills = Lists.orEmpty(skills);
        languages = Lists.orEmpty(languages);
        interests = Lists.orEmpty(interests);
        projects = Lists.orEmpty(projects);
    }
}
