package dev.resumesite.resume;

import java.util.List;

/**
 * Who the resume is about. The schema requires no field, so every one may be absent (null, never
 * ""). {@code image} is either an absolute http(s) URL or the name of a file under assets/
 * ("portrait.svg"), which the page fingerprints like every other asset.
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
        location = location == null ? new Location(null, null, null, null, null) : location;
        // A network name alone gives the reader nothing to follow or look up.
        profiles = Lists.orEmpty(profiles).stream().filter(p -> p.url() != null || p.username() != null).toList();
    }

    /** What the page calls the person: the name, or "Resume" for a file that gives none. */
    public String displayName() {
        return name == null ? "Resume" : name;
    }

    /** Whether there is anything for the contact strip, so the page leaves out an empty one. */
    public boolean hasContact() {
        return email != null || phone != null || url != null || !profiles.isEmpty();
    }

    /** A tel: link target: "+1 (503) 555-0142" becomes "tel:+15035550142"; null without a phone. */
    public String phoneHref() {
        return phone == null ? null : "tel:" + phone.replaceAll("[^0-9+]", "");
    }

    /** Whether the image is a URL on another site rather than a file under assets/. */
    public boolean imageIsUrl() {
        return image != null && Urls.isWeb(image);
    }
}
