package dev.resumesite.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.testing.Dynalite;
import dev.resumesite.testing.DynaliteExtension;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@Tag("integration")
@ExtendWith(DynaliteExtension.class)
class DynamoDbCounterStoreTest extends CounterStoreContract {
    private static final String TABLE = "contract-" + UUID.randomUUID();
    private static DynamoDbClient client;

    @BeforeAll
    static void connect(Dynalite dynalite) {
        client = dynalite.client();
        DynamoDbClients.createTableIfMissing(client, TABLE);
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Override
    protected CounterStore createStore() {
        return new DynamoDbCounterStore(client, TABLE, Duration.ofSeconds(5), CounterKey.pageViews("probe"));
    }

    @Test
    void the_item_uses_the_documented_key_schema_and_attributes() {
        store.addOnce(key, new Tally(DAY, 2, 1), new WriteToken("instance-a", 7));
        Map<String, AttributeValue> item = item("views");
        assertEquals("2", item.get("count").n());
        assertEquals("1", item.get("visitors").n());
        assertEquals("7", item.get("writer#instance-a").n());
        Map<String, AttributeValue> day = item("views#day#2026-11-25");
        assertEquals("2", day.get("count").n());
        assertEquals("1", day.get("visitors").n());
    }

    @Test
    void the_day_item_holds_its_breakdowns_and_how_many_values_it_names() {
        store.addOnce(key, new Tally(DAY, 3, 0, Map.of("linkedin", 2L, "other", 1L), Map.of("SE", 3L)), new WriteToken("instance-a", 7));
        Map<String, AttributeValue> day = item("views#day#2026-11-25");
        assertEquals("2", day.get("source#linkedin").n());
        assertEquals("1", day.get("source#other").n());
        assertEquals("1", day.get("sourceValues").n(), "other takes no place");
        assertEquals("3", day.get("country#SE").n());
        assertEquals("1", day.get("countryValues").n());
        assertEquals("7", day.get("writer#instance-a").n(), "the same write as the day's totals");
        assertEquals(null, item("views").get("source#linkedin"), "the all-time item holds no breakdown");
    }

    @Test
    void seen_visitors_and_secrets_carry_the_time_to_live_attribute_two_days_on() {
        store.claimFirstVisit(key, DAY, "visitor-key", "claim");
        store.dailySecret(key.site(), DAY, "secret");
        long dayAfterTomorrow = DAY.plusDays(2).atStartOfDay().toEpochSecond(java.time.ZoneOffset.UTC);
        Map<String, AttributeValue> seen = item("views#seen#2026-11-25#visitor-key");
        assertEquals(Long.toString(dayAfterTomorrow), seen.get("expiresAt").n());
        assertEquals(Set.of("pk", "sk", "claim", "expiresAt"), seen.keySet(), "a keyed hash and a claim id, nothing else");
        assertEquals(Long.toString(dayAfterTomorrow), item("secret#2026-11-25").get("expiresAt").n());
    }

    private Map<String, AttributeValue> item(String sortKey) {
        return client.getItem(b -> b.tableName(TABLE)
                .key(Map.of("pk", AttributeValue.fromS("site#" + key.site()), "sk", AttributeValue.fromS(sortKey)))
                .consistentRead(true)).item();
    }

    @Test
    void a_missing_table_stops_start_up_naming_the_variable_and_the_fix() {
        StoreMisconfiguredException error = assertThrows(StoreMisconfiguredException.class,
                () -> new DynamoDbCounterStore(client, "no-such-table", Duration.ofSeconds(5), CounterKey.pageViews("probe")));
        assertTrue(error.getMessage().startsWith("DYNAMODB_TABLE=no-such-table"), error.getMessage());
        assertTrue(error.getMessage().contains("DYNAMODB_CREATE_TABLE=true"), error.getMessage());
    }
}
