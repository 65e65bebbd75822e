package dev.resumesite.resume;

import java.util.List;

/**
 * Who the resume is about. Only name and label are required; image is the logical name of a file
 * in assets/ (e.g. "portrait.svg") so the page can fingerprint it like every other asset.
 */
public record Basics(
        String name,
        String label,
        String image,
        String email,
        String phone,
        String url,
        String summary,
        Location location,
        List<Profile> profiles) {

    public Basics {
        location = location == null ? new Location(null, null, null) : location;
        profiles = Lists.orEmpty(profiles);
    }

    /** Whether there is anything for the contact strip, so the page leaves out an empty one. */
    public boolean hasContact() {
        return email != null || phone != null || url != null || !profiles.isEmpty();
    }

    /** A tel: link target: "+1 (503) 555-0142" becomes "tel:+15035550142"; null without a phone. */
    public String phoneHref() {
        return phone == null ? null : "tel:" + phone.replaceAll("[^0-9+]", "");
    }
}
