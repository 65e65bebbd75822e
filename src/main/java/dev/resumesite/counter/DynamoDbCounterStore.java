package dev.resumesite.counter;

import dev.resumesite.config.ConfigException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The production store: one DynamoDB item per counter, {@code pk = "site#<site>"}, {@code sk = <name>},
 * holding {@code count} and one {@code writer#<id>} number per app instance (the last batch sequence
 * it applied). Increments are single {@code UpdateItem ADD} calls, never read-then-write, so any
 * number of instances can share the table. SDK exceptions are converted here, at the boundary
 * ({@link DynamoDbErrors}). Calls a page waits on (the batch write, the page's read) carry the page's
 * budget; start-up and housekeeping calls keep the client's longer timeout.
 */
public final class DynamoDbCounterStore implements CounterStore {
    static final String PARTITION_KEY = "pk";
    static final String SORT_KEY = "sk";
    static final String COUNT = "count";
    static final String WRITER_PREFIX = "writer#";

    private final DynamoDbClient client;
    private final String table;
    private final AwsRequestOverrideConfiguration pageCall;

    /**
     * Reads the probe counter once, with the start-up timeout: a wrong table, role or credentials
     * stops start-up with the fix, and the connection, credentials and classes are warm before the
     * first visitor comes. A store that does not answer now may later: start anyway.
     *
     * @param pageBudget how long a call a page waits on may take (a slower answer is worth no more than a retry)
     */
    public DynamoDbCounterStore(DynamoDbClient client, String table, Duration pageBudget, CounterKey probe) {
        this.client = client;
        this.table = table;
        this.pageCall = AwsRequestOverrideConfiguration.builder()
                .apiCallTimeout(pageBudget).apiCallAttemptTimeout(pageBudget).build();
        try {
            readCount(probe, null);
        } catch (StoreMisconfiguredException e) {
            throw new ConfigException(e.getMessage());
        } catch (StoreUnavailableException e) {
            LoggerFactory.getLogger(DynamoDbCounterStore.class)
                    .warn("DynamoDB did not answer at start-up; starting anyway, visits wait in the backlog: {}", e.getMessage());
        }
    }

    @Override
    public long add(CounterKey key, long delta) {
        return call(() -> countOf(client.updateItem(increment(key, delta).overrideConfiguration(pageCall).build()).attributes()));
    }

    @Override
    public OptionalLong addOnce(CounterKey key, long delta, WriteToken token) {
        UpdateItemRequest request = increment(key, delta)
                .overrideConfiguration(pageCall)
                .updateExpression("ADD #count :delta SET #writer = :sequence")
                .conditionExpression("attribute_not_exists(#writer) OR #writer < :sequence")
                .expressionAttributeNames(Map.of("#count", COUNT, "#writer", WRITER_PREFIX + token.writer()))
                .expressionAttributeValues(Map.of(":delta", number(delta), ":sequence", number(token.sequence())))
                .build();
        return call(() -> {
            try {
                return OptionalLong.of(countOf(client.updateItem(request).attributes()));
            } catch (ConditionalCheckFailedException alreadyApplied) {
                return OptionalLong.empty();
            }
        });
    }

    @Override
    public long read(CounterKey key) {
        return readCount(key, pageCall);
    }

    /** @param override the page's budget, or null for the client's start-up timeout */
    private long readCount(CounterKey key, AwsRequestOverrideConfiguration override) {
        return call(() -> {
            GetItemResponse response = client.getItem(b -> b.tableName(table).key(itemKey(key)).overrideConfiguration(override)
                    .consistentRead(true).projectionExpression("#count")
                    .expressionAttributeNames(Map.of("#count", COUNT)));
            return response.hasItem() ? countOf(response.item()) : 0L;
        });
    }

    @Override
    public int forgetWritersBefore(CounterKey key, long sequence) {
        return call(() -> {
            GetItemResponse response = client.getItem(b -> b.tableName(table).key(itemKey(key)).consistentRead(true));
            Map<String, String> names = new HashMap<>();
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":before", number(sequence)));
            List<String> stale = new ArrayList<>();
            List<String> conditions = new ArrayList<>();
            response.item().forEach((attribute, value) -> {
                if (attribute.startsWith(WRITER_PREFIX) && value.n() != null && Long.parseLong(value.n()) < sequence) {
                    String alias = "#w" + names.size();
                    names.put(alias, attribute);
                    stale.add(alias);
                    conditions.add(alias + " < :before");
                }
            });
            if (stale.isEmpty()) {
                return 0;
            }
            try {
                // Conditional, so a mark that moved on since the read is kept.
                client.updateItem(b -> b.tableName(table).key(itemKey(key))
                        .updateExpression("REMOVE " + String.join(", ", stale))
                        .conditionExpression(String.join(" AND ", conditions))
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values));
                return stale.size();
            } catch (ConditionalCheckFailedException moved) {
                return 0;
            }
        });
    }

    private UpdateItemRequest.Builder increment(CounterKey key, long delta) {
        return UpdateItemRequest.builder()
                .tableName(table)
                .key(itemKey(key))
                .updateExpression("ADD #count :delta")
                .expressionAttributeNames(Map.of("#count", COUNT))
                .expressionAttributeValues(Map.of(":delta", number(delta)))
                .returnValues(ReturnValue.UPDATED_NEW);
    }

    static Map<String, AttributeValue> itemKey(CounterKey key) {
        return Map.of(
                PARTITION_KEY, AttributeValue.fromS("site#" + key.site()),
                SORT_KEY, AttributeValue.fromS(key.name()));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static long countOf(Map<String, AttributeValue> attributes) {
        return Long.parseLong(attributes.get(COUNT).n());
    }

    private <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (SdkException e) {
            throw DynamoDbErrors.convert(e, table);
        }
    }

    /** The client is shared and owned by the caller that built it; closing the store leaves it open. */
    @Override
    public void close() {
    }
}
