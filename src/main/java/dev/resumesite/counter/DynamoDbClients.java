package dev.resumesite.counter;

import dev.resumesite.config.AppConfig.DynamoDbSettings;
import dev.resumesite.config.ConfigException;
import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/** Builds the one shared {@link DynamoDbClient} and, for local development only, its table. */
public final class DynamoDbClients {
    /**
     * The client's default call timeout, for start-up and housekeeping calls (the table probe,
     * CreateTable, pruning writer marks). The first call of a cold JVM pays class loading, TLS and
     * credentials: 0.7-1.3 s was measured on a fresh 2-core machine. Ten seconds leaves room for a
     * busy machine and still stops a broken deploy quickly. Calls a page waits on override it with
     * the page's budget ({@link DynamoDbCounterStore}).
     */
    public static final Duration HOUSEKEEPING_CALL_TIMEOUT = Duration.ofSeconds(10);
    /** Connecting is quick or it is not happening; a page call's own budget cuts it shorter. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** How long a local table may take to become ACTIVE, and how long CreateTable is retried on passing failures. */
    private static final Duration CREATE_TABLE_DEADLINE = Duration.ofSeconds(20);

    private DynamoDbClients() {
    }

    /** Credentials come from the SDK's default chain: the instance profile on Elastic Beanstalk. */
    public static DynamoDbClient create(DynamoDbSettings settings) {
        var builder = DynamoDbClient.builder()
                .region(Region.of(settings.region()))
                .httpClientBuilder(ApacheHttpClient.builder()
                        // Enough sockets for every request thread to have one; more would only queue in DynamoDB.
                        .maxConnections(200)
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(HOUSEKEEPING_CALL_TIMEOUT))
                .overrideConfiguration(o -> o
                        .apiCallAttemptTimeout(HOUSEKEEPING_CALL_TIMEOUT)
                        .apiCallTimeout(HOUSEKEEPING_CALL_TIMEOUT)
                        // No SDK retries: a blind retry of a write whose answer was lost counts it twice.
                        // The counter retries by itself with idempotent write tokens instead.
                        .retryStrategy(AwsRetryStrategy.doNotRetry()));
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * First contact with an endpoint the operator set ({@code DYNAMODB_ENDPOINT}), before anything else
     * asks it: nothing listening there is a setting to fix, not an outage to ride out, so start-up stops
     * at once with the endpoint and the fix, with or without DYNAMODB_CREATE_TABLE. Without an endpoint
     * (production) nothing is checked here: an unreachable DynamoDB is waited for while the site starts.
     *
     * @throws ConfigException when nothing listens at the endpoint
     * @throws StoreMisconfiguredException when the call is refused for a reason the owner must fix (credentials)
     */
    public static void checkEndpoint(DynamoDbClient client, DynamoDbSettings settings) {
        if (settings.endpoint().isEmpty()) {
            return;
        }
        try {
            client.listTables(b -> b.limit(1));
        } catch (SdkException e) {
            if (DynamoDbErrors.refused(e)) {
                throw new ConfigException("DYNAMODB_ENDPOINT=" + settings.endpoint().get() + ": nothing is listening there "
                        + "(connection refused); start the server (bin/dynalite for local runs), or unset DYNAMODB_ENDPOINT "
                        + "to use DynamoDB in AWS_REGION");
            }
            if (DynamoDbErrors.convert(e, settings.table()) instanceof StoreMisconfiguredException misconfigured) {
                throw misconfigured;
            }
            // Anything else passes by itself (a server still starting, a slow answer): the store's own first
            // call meets it again and starts degraded if it lasts.
        }
    }

    /**
     * Creates the table with the production key schema unless it exists; local development only.
     * Keeps asking for a while when the answer is a failure that passes by itself (a server still starting);
     * one the owner must fix (credentials) stops start-up with the same line as without this setting.
     */
    public static void createTableIfMissing(DynamoDbClient client, String table) {
        long deadline = System.nanoTime() + CREATE_TABLE_DEADLINE.toNanos();
        while (true) {
            try {
                createTable(client, table);
                break;
            } catch (ResourceInUseException alreadyThere) {
                break; // Another instance, or an earlier run, created it.
            } catch (SdkException e) {
                if (DynamoDbErrors.convert(e, table) instanceof StoreMisconfiguredException misconfigured) {
                    throw misconfigured;
                }
                if (System.nanoTime() > deadline) {
                    throw new ConfigException("DYNAMODB_CREATE_TABLE=true: could not create table " + table + " in "
                            + CREATE_TABLE_DEADLINE.toSeconds() + " s: " + e.getMessage()
                            + "; check DYNAMODB_ENDPOINT and that the server there is running");
                }
                pause();
            }
        }
        // The default waiter polls every 20 s; a local table is ready in well under a second.
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(client)
                .overrideConfiguration(w -> w.maxAttempts((int) (CREATE_TABLE_DEADLINE.toMillis() / 200))
                        .backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(200))))
                .build()) {
            waiter.waitUntilTableExists(b -> b.tableName(table));
        }
    }

    private static void createTable(DynamoDbClient client, String table) {
        client.createTable(b -> b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attribute(DynamoDbCounterStore.PARTITION_KEY),
                        attribute(DynamoDbCounterStore.SORT_KEY))
                .keySchema(
                        KeySchemaElement.builder().attributeName(DynamoDbCounterStore.PARTITION_KEY).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(DynamoDbCounterStore.SORT_KEY).keyType(KeyType.RANGE).build()));
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("interrupted while creating the local DynamoDB table");
        }
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }
}
