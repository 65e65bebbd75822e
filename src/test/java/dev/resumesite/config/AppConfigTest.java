package dev.resumesite.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class AppConfigTest {

    @Test
    void an_empty_environment_runs_the_embedded_store_on_port_8080() {
        AppConfig config = AppConfig.fromEnvironment(Map.of());
        assertEquals(8080, config.port());
        assertEquals(AppConfig.StoreKind.EMBEDDED, config.store());
        assertEquals(Path.of("data"), config.dataDir());
        assertEquals("default", config.siteId());
        assertEquals(Duration.ofSeconds(20), config.shutdownGrace());
        assertNull(config.dynamoDb());
        assertEquals(Optional.empty(), config.resumeFile());
    }

    @Test
    void dynamodb_settings_are_read_when_that_store_is_chosen() {
        AppConfig config = AppConfig.fromEnvironment(Map.of(
                "COUNTER_STORE", "dynamodb", "DYNAMODB_TABLE", "resume-counts", "AWS_REGION", "eu-west-1", "PORT", "5000"));
        assertEquals(5000, config.port());
        assertEquals(new AppConfig.DynamoDbSettings("resume-counts", "eu-west-1", Optional.empty(), false), config.dynamoDb());
    }

    @Test
    void an_endpoint_override_defaults_the_region_for_local_servers() {
        AppConfig config = AppConfig.fromEnvironment(Map.of(
                "COUNTER_STORE", "dynamodb", "DYNAMODB_ENDPOINT", "http://127.0.0.1:8000", "DYNAMODB_CREATE_TABLE", "true"));
        assertEquals(Optional.of(URI.create("http://127.0.0.1:8000")), config.dynamoDb().endpoint());
        assertEquals("us-east-1", config.dynamoDb().region());
        assertTrue(config.dynamoDb().createTable());
    }

    @Test
    void dynamodb_without_a_region_names_the_missing_variable() {
        assertError("AWS_REGION is not set", Map.of("COUNTER_STORE", "dynamodb"));
    }

    @Test
    void a_bad_port_names_the_variable_the_value_and_the_range() {
        assertError("PORT=http is not valid: expected a whole number from 0 to 65535", Map.of("PORT", "http"));
        assertError("PORT=70000 is not valid", Map.of("PORT", "70000"));
    }

    @Test
    void honest_counting_settings_default_to_a_half_hour_window_and_no_test_token() {
        AppConfig config = AppConfig.fromEnvironment(Map.of());
        assertEquals(Duration.ofMinutes(30), config.reloadWindow());
        assertEquals(Optional.empty(), config.countTestToken());
        assertEquals(Duration.ZERO, AppConfig.fromEnvironment(Map.of("RELOAD_WINDOW_MINUTES", "0")).reloadWindow());
        assertEquals(Optional.of("a-test-token-of-20-ch"),
                AppConfig.fromEnvironment(Map.of("COUNT_TEST_TOKEN", "a-test-token-of-20-ch")).countTestToken());
    }

    @Test
    void bad_honest_counting_settings_are_rejected_without_showing_the_token() {
        assertError("RELOAD_WINDOW_MINUTES=-1 is not valid: expected a whole number from 0 to 1440",
                Map.of("RELOAD_WINDOW_MINUTES", "-1"));
        assertError("COUNT_TEST_TOKEN (value not shown) is not valid", Map.of("COUNT_TEST_TOKEN", "short"));
    }

    @Test
    void an_unknown_store_lists_the_allowed_values() {
        assertError("COUNTER_STORE=redis is not valid: expected one of dynamodb, embedded", Map.of("COUNTER_STORE", "redis"));
    }

    @Test
    void bad_dynamodb_values_are_rejected_one_by_one() {
        Map<String, String> base = Map.of("COUNTER_STORE", "dynamodb", "AWS_REGION", "us-east-1");
        assertError("DYNAMODB_TABLE=a b is not valid", with(base, "DYNAMODB_TABLE", "a b"));
        assertError("DYNAMODB_ENDPOINT=localhost:8000 is not valid: expected an http:// or https:// URL",
                with(base, "DYNAMODB_ENDPOINT", "localhost:8000"));
        assertError("DYNAMODB_CREATE_TABLE=yes is not valid: expected true or false", with(base, "DYNAMODB_CREATE_TABLE", "yes"));
        assertError("AWS_REGION=moon is not valid", with(base, "AWS_REGION", "moon"));
    }

    @Test
    void site_ids_are_restricted_to_safe_key_characters() {
        assertError("SITE_ID=Site#1 is not valid", Map.of("SITE_ID", "Site#1"));
        assertEquals("jane-doe", AppConfig.fromEnvironment(Map.of("SITE_ID", "jane-doe")).siteId());
    }

    @Test
    void a_malformed_origin_secret_is_rejected_without_repeating_it() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> AppConfig.fromEnvironment(Map.of("ORIGIN_SECRET", "short!")));
        assertEquals("ORIGIN_SECRET (value not shown) is not valid: expected 16 to 256 letters, digits, '_' or '-' "
                + "(the stack generates one)", error.getMessage());
        assertEquals("", AppConfig.fromEnvironment(Map.of()).originSecret());
    }

    @Test
    void bad_trusted_proxies_name_the_expected_form() {
        assertError("TRUSTED_PROXIES=10.0.0.0 is not valid: expected comma-separated CIDR ranges", Map.of("TRUSTED_PROXIES", "10.0.0.0"));
    }

    @Test
    void blank_values_count_as_unset() {
        assertEquals(8080, AppConfig.fromEnvironment(Map.of("PORT", "  ")).port());
    }

    @Test
    void the_site_listens_on_loopback_unless_bind_address_says_otherwise() throws Exception {
        assertEquals(java.net.InetAddress.getByName("127.0.0.1"), AppConfig.fromEnvironment(Map.of()).bindAddress());
        assertEquals(java.net.InetAddress.getByName("0.0.0.0"), AppConfig.fromEnvironment(Map.of("BIND_ADDRESS", "0.0.0.0")).bindAddress());
        assertEquals(java.net.InetAddress.getByName("::1"), AppConfig.fromEnvironment(Map.of("BIND_ADDRESS", "::1")).bindAddress());
    }

    @Test
    void a_bind_address_that_is_not_an_ip_address_stops_start_up_naming_the_setting_and_the_fix() {
        for (String bad : java.util.List.of("localhost", "0.0.0.0:8080", "256.1.1.1", "all")) {
            assertError("BIND_ADDRESS=" + bad + " is not valid: expected an IP address of this machine: 127.0.0.1", Map.of("BIND_ADDRESS", bad));
        }
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        var copy = new java.util.HashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    private static void assertError(String expectedStart, Map<String, String> env) {
        ConfigException error = assertThrows(ConfigException.class, () -> AppConfig.fromEnvironment(env));
        assertTrue(error.getMessage().startsWith(expectedStart), error.getMessage());
        assertFalse(error.getMessage().contains("\n"), "one line");
    }

    @Test
    void the_stats_are_public_refreshed_each_minute_and_no_origin_may_count_by_default() {
        AppConfig.Sharing sharing = AppConfig.fromEnvironment(Map.of()).sharing();
        assertEquals(Optional.empty(), sharing.statsToken());
        assertEquals(Duration.ofSeconds(60), sharing.statsRefresh());
        assertEquals(java.util.Set.of(), sharing.allowedOrigins());
        assertEquals(30, sharing.hitsPerMinute());
    }

    @Test
    void allowed_origins_are_read_in_their_canonical_form_and_a_url_with_a_path_is_refused() {
        assertEquals(java.util.Set.of("https://blog.example.com", "http://localhost:4000"), AppConfig.fromEnvironment(
                Map.of("ALLOWED_ORIGINS", " HTTPS://Blog.Example.com , http://localhost:4000,")).sharing().allowedOrigins());
        assertError("ALLOWED_ORIGINS=https://blog.example.com/posts is not valid: expected comma-separated origins",
                Map.of("ALLOWED_ORIGINS", "https://blog.example.com/posts"));
        assertError("ALLOWED_ORIGINS=* is not valid", Map.of("ALLOWED_ORIGINS", "*"));
    }

    @Test
    void an_allowed_origin_written_with_its_schemes_default_port_is_kept_as_a_browser_writes_its_origin() {
        // A browser's Origin never names the default port, so "https://x:443" kept as written could never match.
        assertEquals(java.util.Set.of("https://blog.example.com", "http://localhost", "https://blog.example.com:8443",
                "http://localhost:443"), AppConfig.fromEnvironment(Map.of("ALLOWED_ORIGINS",
                "https://blog.example.com:443,HTTP://localhost:80,https://blog.example.com:8443,http://localhost:443")).sharing().allowedOrigins());
    }
}
