package dev.resumesite.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.resumesite.resume.Basics;
import dev.resumesite.resume.Meta;
import dev.resumesite.resume.Resume;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ResumeViewTest {
    private static final AssetCatalog ASSETS = new AssetCatalog(Map.of("me.png", "png".getBytes(StandardCharsets.UTF_8)));

    @Test
    void the_image_origin_for_the_csp_is_scheme_host_and_port_without_user_info() {
        ResumeView view = view("https://someone@IMG.example.com:8443/a/me.jpg?size=2", null);

        assertEquals(Optional.of("https://img.example.com:8443"), view.imageOrigin());
        assertEquals("https://someone@IMG.example.com:8443/a/me.jpg?size=2", view.imageSrc());
    }

    @Test
    void a_local_portrait_adds_no_origin_and_is_shared_only_with_a_canonical_address() {
        ResumeView withoutCanonical = view("me.png", null);
        ResumeView withCanonical = view("me.png", "https://you.example.com/");

        assertEquals(Optional.empty(), withoutCanonical.imageOrigin());
        assertNull(withoutCanonical.shareImage());
        assertEquals("https://you.example.com" + ASSETS.url("me.png"), withCanonical.shareImage());
    }

    @Test
    void the_title_is_the_name_alone_without_a_label() {
        assertEquals("Test Person", view(null, null).title());
    }

    private static ResumeView view(String image, String canonical) {
        Basics basics = new Basics("Test Person", null, image, null, null, null, null, null, null);
        Resume resume = new Resume(basics, null, null, null, null, null, null, null, null, null, null, null,
                new Meta(canonical, null, null));
        return new ResumeView(resume, ASSETS);
    }
}
