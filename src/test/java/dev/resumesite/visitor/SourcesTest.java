package dev.resumesite.visitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("unit")
class SourcesTest {
    private static final String SITE = "resume.example.com";
    private final Sources sources = new Sources(Set.of("avery.example.org"));

    private String fromReferer(String referer) {
        return sources.of(null, null, referer, SITE);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "https://www.google.com/, google",
            "https://www.google.co.uk/search?q=avery+lindqvist, google",
            "https://google.de/, google",
            "https://www.google.com.au/url?sa=t, google",
            "https://news.google.com/, google",
            "https://www.bing.com/search?q=x, bing",
            "https://duckduckgo.com/, duckduckgo",
            "https://www.linkedin.com/in/avery/, linkedin",
            "https://de.linkedin.com/feed/, linkedin",
            "https://lnkd.in/abc123, linkedin",
            "https://github.com/avery/resume, github",
            "https://gist.github.com/avery/1, github",
            "https://news.ycombinator.com/item?id=42, hacker news",
            "https://t.co/AbCdEf, x",
            "https://twitter.com/avery/status/1, x",
            "https://mobile.twitter.com/, x",
            "https://x.com/avery, x"})
    void well_known_referrers_are_grouped_into_their_family(String referer, String family) {
        assertEquals(family, fromReferer(referer));
    }

    @Test
    void only_the_host_of_a_referrer_is_kept_without_www_path_query_or_port() {
        assertEquals("blog.example.net", fromReferer("https://blog.example.net/2026/11/hiring?token=secret-personal-value#top"));
        assertEquals("example.net", fromReferer("http://WWW.Example.NET:8443/a/b"));
    }

    @Test
    void hosts_that_merely_look_like_a_family_keep_their_own_name() {
        assertEquals("googleusercontent.com", fromReferer("https://googleusercontent.com/"));
        assertEquals("dropbox.com", fromReferer("https://www.dropbox.com/"));
        assertEquals("notgithub.com", fromReferer("https://notgithub.com/"));
        assertEquals("avery.github.io", fromReferer("https://avery.github.io/"), "someone's own site, not GitHub");
    }

    @Test
    void no_referrer_is_direct() {
        assertEquals("direct", fromReferer(null));
        assertEquals("direct", fromReferer("  "));
    }

    @Test
    void the_sites_own_hosts_are_direct() {
        assertEquals("direct", fromReferer("https://resume.example.com/stats"), "the host the request was sent to");
        assertEquals("direct", fromReferer("https://www.resume.example.com/"));
        assertEquals("direct", fromReferer("https://avery.example.org/"), "the canonical address's host");
    }

    @ParameterizedTest(name = "junk referrer: {0}")
    @ValueSource(strings = {"android-app://com.linkedin.android/", "not a url at all", "https://bad host/", "https:///path-only",
            "https://bücher.example/", "https://[2001:db8::1]/", "javascript:alert(1)"})
    void a_referrer_that_names_no_showable_host_is_other(String referer) {
        assertEquals("other", fromReferer(referer));
    }

    @Test
    void an_overlong_referring_host_is_other() {
        assertEquals("other", fromReferer("https://" + "a".repeat(60) + ".example.com/"));
    }

    @Test
    void a_ref_or_utm_source_tag_wins_over_the_referrer_normalised() {
        assertEquals("cv-pdf", sources.of("CV-PDF", null, "https://www.google.com/", SITE));
        assertEquals("newsletter", sources.of(null, " Newsletter ", "https://www.google.com/", SITE));
        assertEquals("jobs.example.com", sources.of("www.jobs.example.com", "other-tag", null, SITE), "ref before utm_source");
    }

    @Test
    void tags_naming_a_family_join_it() {
        assertEquals("linkedin", sources.of("linkedin", null, null, SITE));
        assertEquals("linkedin", sources.of(null, "LinkedIn.com", null, SITE));
        assertEquals("x", sources.of("twitter", null, null, SITE));
        assertEquals("hacker news", sources.of("Hacker News", null, null, SITE));
    }

    @ParameterizedTest(name = "junk tag: [{0}]")
    @ValueSource(strings = {"", "   ", "<script>", "a b", "tag/with/slash", "résumé", "-leading", "trailing.", "semi;colon", "x%20y"})
    void a_junk_tag_is_ignored_and_the_referrer_decides(String tag) {
        assertEquals("bing", sources.of(tag, null, "https://www.bing.com/", SITE));
        assertEquals("direct", sources.of(null, tag, null, SITE));
    }

    @Test
    void an_overlong_tag_is_ignored_and_one_at_the_bound_is_kept() {
        String longest = "t".repeat(Sources.MAX_LENGTH);
        assertEquals(longest, sources.of(longest, null, null, SITE));
        assertEquals("direct", sources.of(longest + "t", null, null, SITE));
    }

    @Test
    void a_tag_naming_the_site_itself_is_ignored() {
        assertEquals("bing", sources.of("resume.example.com", null, "https://bing.com/", SITE));
    }

    @ParameterizedTest(name = "address referrer: {0}")
    @ValueSource(strings = {"http://203.0.113.7/", "https://192.168.1.20:8443/cv?x=1", "http://127.1/", "http://[::1]/", "https://[2001:db8::1]:8080/"})
    void a_referrer_naming_an_ip_address_is_other_and_the_address_is_never_kept(String referer) {
        assertEquals("other", fromReferer(referer));
    }

    @ParameterizedTest(name = "address tag: {0}")
    @ValueSource(strings = {"203.0.113.7", " 10.0.0.1 ", "127.1"})
    void a_tag_naming_an_ip_address_is_other(String tag) {
        assertEquals("other", sources.of(tag, null, "https://bing.com/", SITE));
        assertEquals("other", sources.of(null, tag, null, SITE));
    }

    @Test
    void hosts_and_tags_with_digits_that_are_not_addresses_keep_their_name() {
        assertEquals("1password.com", fromReferer("https://1password.com/"));
        assertEquals("web3.example", sources.of("web3.example", null, null, SITE));
    }
}
