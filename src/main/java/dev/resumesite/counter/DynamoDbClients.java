package dev.resumesite.counter;

import dev.resumesite.config.AppConfig.DynamoDbSettings;
import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Builds the one shared {@link DynamoDbClient} and, for local development only, its table. */
public final class DynamoDbClients {
    private DynamoDbClients() {
    }

    /**
     * Credentials come from the SDK's default chain: the instance profile on Elastic Beanstalk.
     *
     * @param callTimeout how long one call may take: as long as a page waits for its number, since a
     *     visitor's own thread may be the one writing, and a slower answer is worth no more than a retry
     */
    public static DynamoDbClient create(DynamoDbSettings settings, Duration callTimeout) {
        var builder = DynamoDbClient.builder()
                .region(Region.of(settings.region()))
                .httpClientBuilder(ApacheHttpClient.builder()
                        // Enough sockets for every request thread to have one; more would only queue in DynamoDB.
                        .maxConnections(200)
                        .connectionTimeout(callTimeout)
                        .socketTimeout(Duration.ofSeconds(2)))
                .overrideConfiguration(o -> o
                        .apiCallAttemptTimeout(callTimeout)
                        .apiCallTimeout(callTimeout)
                        // No SDK retries: a blind retry of a write whose answer was lost counts it twice.
                        // The counter retries by itself with idempotent write tokens instead.
                        .retryStrategy(AwsRetryStrategy.doNotRetry()));
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** Creates the table with the production key schema unless it exists; never used in production. */
    public static void createTableIfMissing(DynamoDbClient client, String table) {
        try {
            client.createTable(b -> b.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            attribute(DynamoDbCounterStore.PARTITION_KEY),
                            attribute(DynamoDbCounterStore.SORT_KEY))
                    .keySchema(
                            KeySchemaElement.builder().attributeName(DynamoDbCounterStore.PARTITION_KEY).keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName(DynamoDbCounterStore.SORT_KEY).keyType(KeyType.RANGE).build()));
        } catch (ResourceInUseException alreadyThere) {
            // Another instance, or an earlier run, created it.
        }
        // The default waiter polls every 20 s; a local table is ready in well under a second.
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(client)
                .overrideConfiguration(w -> w.maxAttempts(100)
                        .backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(200))))
                .build()) {
            waiter.waitUntilTableExists(b -> b.tableName(table));
        }
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }
}
