package dev.resumesite.counter;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The production store. Items under the site's partition {@code pk = "site#<site>"}, by sort key:
 * <ul>
 *   <li>{@code <name>}: the counter's all-time {@code count} (page views) and {@code visitors}, and one
 *       {@code writer#<id>} number per app instance (the last batch sequence it applied);</li>
 *   <li>{@code <name>#day#<yyyy-mm-dd>}: the same for one UTC day, the daily history, with the day's
 *       breakdowns: {@code source#<value>} and {@code country#<value>} (views), and per dimension the
 *       number of values by name, {@code sourceValues} and {@code countryValues} (see below);</li>
 *   <li>{@code <name>#seen#<yyyy-mm-dd>#<visitor>}: a visitor (a keyed hash) seen that day, with the
 *       {@code claim} that recorded it and an {@code expiresAt} (TTL) two days later;</li>
 *   <li>{@code secret#<yyyy-mm-dd>}: the day's random {@code secret}, also expiring two days later.</li>
 * </ul>
 * Increments are {@code UpdateItem ADD} calls, never read-then-write, so any number of instances can
 * share the table. A batch is two writes (the counter item and its day item, sent together) under one
 * token, each conditional on the writer's mark, so a retry applies neither twice; DynamoDB cannot
 * update two items atomically and return the new total, and a transaction would not return it.
 *
 * <p>The day's breakdowns and their bound are {@link DynamoDbDayItems}'s.
 *
 * <p>A batch's first-visit claims go first, as conditional {@code PutItem}s sent concurrently: with
 * {@link #CALLS_IN_FLIGHT} at least half of the counter's largest batch, a batch costs at most three
 * sequential round trips (two waves of claims, then the two counts) whatever its mix. Not
 * {@code TransactWriteItems}: one visitor already seen cancels the whole transaction (a second round
 * trip to resend the rest), it costs twice the write capacity, caps at 100 items, and dynalite, the
 * DynamoDB our suite runs against, does not implement it, so that path could not be tested here. SDK exceptions are
 * converted here ({@link DynamoDbErrors}). Calls a page waits on carry the page's budget; start-up and
 * housekeeping calls keep the client's longer timeout.
 */
public final class DynamoDbCounterStore implements CounterStore {
    static final String PARTITION_KEY = "pk";
    static final String SORT_KEY = "sk";
    static final String COUNT = "count";
    static final String VISITORS = "visitors";
    static final String WRITER_PREFIX = "writer#";
    static final String EXPIRES_AT = "expiresAt";
    private static final String SECRET_PREFIX = "secret#";

    /** Claims and counts one batch sends at once; the HTTP pool (200) leaves the rest for page reads. */
    static final int CALLS_IN_FLIGHT = 128;

    private final DynamoDbClient client;
    private final String table;
    private final AwsRequestOverrideConfiguration pageCall;
    private final AtomicLong writeCalls = new AtomicLong();
    /** Writes the day items, with their breakdowns kept within the day's bound. */
    private final DynamoDbDayItems days;
    /** Threads made when a batch needs them and gone after a minute idle: a quiet site keeps none. */
    private final ThreadPoolExecutor calls = new ThreadPoolExecutor(CALLS_IN_FLIGHT, CALLS_IN_FLIGHT, 60, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "dynamodb-batch-call");
                thread.setDaemon(true);
                return thread;
            });

    /**
     * Reads the probe counter once, with the start-up timeout: a wrong table, role or credentials
     * stops start-up with the fix, and the connection, credentials and classes are warm before the
     * first visitor comes. A store that does not answer now may later: start anyway.
     *
     * @throws StoreMisconfiguredException when the table, role or credentials are wrong (with the fix)
     * @param pageBudget how long a call a page waits on may take (a slower answer is worth no more than a retry)
     */
    public DynamoDbCounterStore(DynamoDbClient client, String table, Duration pageBudget, CounterKey probe) {
        this.client = client;
        this.table = table;
        this.pageCall = AwsRequestOverrideConfiguration.builder()
                .apiCallTimeout(pageBudget).apiCallAttemptTimeout(pageBudget).build();
        this.days = new DynamoDbDayItems(client, table, pageCall, writeCalls);
        calls.allowCoreThreadTimeOut(true);
        try {
            readTotals(probe, null);
            warmUpWrites(probe);
            // After a restart, today's values are known before the first batch, which then needs no second try.
            call(() -> {
                days.learn(probe, LocalDate.now(ZoneOffset.UTC));
                return null;
            });
        } catch (StoreUnavailableException e) {
            LoggerFactory.getLogger(DynamoDbCounterStore.class)
                    .warn("DynamoDB did not answer at start-up; starting anyway, visits wait in the backlog: {}", e.getMessage());
        }
    }

    /**
     * Sends the kinds of write a page waits on once, with the start-up timeout, so their first real
     * use is not the one that pays for class loading: an {@code ADD 0} to the counter (which also
     * proves the role may write) and a conditional put that is bound to fail.
     */
    private void warmUpWrites(CounterKey probe) {
        writeCalls.addAndGet(2);
        call(() -> client.updateItem(b -> b.tableName(table).key(itemKey(probe)).updateExpression(ADD_TALLY)
                .expressionAttributeNames(COUNT_NAMES).expressionAttributeValues(tallyValues(new Tally(LocalDate.EPOCH, 0, 0)))));
        call(() -> {
            try {
                client.putItem(b -> b.tableName(table).item(itemKey(probe)).conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", PARTITION_KEY)));
            } catch (ConditionalCheckFailedException expected) {
                // The counter item exists (the ADD 0 above made sure): nothing was written.
            }
            return null;
        });
    }

    @Override
    public Totals add(CounterKey key, Tally tally) {
        writeCalls.incrementAndGet();
        return call(() -> {
            Totals totals = totalsOf(client.updateItem(increment(itemKey(key), tally).build()).attributes());
            days.add(key, tally, null);
            return totals;
        });
    }

    @Override
    public Optional<Totals> addOnce(CounterKey key, Tally tally, List<FirstVisitClaim> claims, WriteToken token) {
        List<FirstVisitClaim> open = claims.stream().filter(FirstVisitClaim::isOpen).toList();
        together(open.stream().<Runnable>map(claim -> () -> claim.settle(claimFirstVisit(key, claim.day(), claim.visitor(), claim.id())))
                .toList());
        Tally withVisitors = tally.withVisitors(tally.visitors() + claims.stream().filter(FirstVisitClaim::won).count());
        // The day item also after a lost answer on the counter: it may not have landed.
        CompletableFuture<Boolean> day = CompletableFuture.supplyAsync(
                () -> call(() -> days.add(key, withVisitors, token)), calls);
        Optional<Totals> totals = call(() -> incrementOnce(itemKey(key), withVisitors, token));
        join(day);
        return totals;
    }

    /**
     * Runs the calls concurrently (one on this thread, the rest on the pool) and waits for all, so
     * every answer that came is kept; then throws the first failure, if any.
     */
    private void together(List<Runnable> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        List<CompletableFuture<Void>> others = tasks.subList(1, tasks.size()).stream()
                .map(task -> CompletableFuture.runAsync(task, calls)).toList();
        RuntimeException failure = null;
        try {
            tasks.get(0).run(); // A lone new visitor's claim needs no other thread.
        } catch (RuntimeException e) {
            failure = e;
        }
        for (CompletableFuture<Void> other : others) {
            try {
                join(other);
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Adds the tally unless this writer's mark on the item is already at or past the token: empty then. */
    private Optional<Totals> incrementOnce(Map<String, AttributeValue> item, Tally tally, WriteToken token) {
        writeCalls.incrementAndGet();
        Map<String, String> names = new HashMap<>(COUNT_NAMES);
        names.put("#writer", WRITER_PREFIX + token.writer());
        Map<String, AttributeValue> values = new HashMap<>(tallyValues(tally));
        values.put(":sequence", number(token.sequence()));
        try {
            return Optional.of(totalsOf(client.updateItem(increment(item, tally)
                    .updateExpression(ADD_TALLY + " SET #writer = :sequence")
                    .conditionExpression("attribute_not_exists(#writer) OR #writer < :sequence")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .build()).attributes()));
        } catch (ConditionalCheckFailedException alreadyApplied) {
            return Optional.empty();
        }
    }

    @Override
    public Totals read(CounterKey key) {
        return readTotals(key, pageCall);
    }

    /** @param override the page's budget, or null for the client's start-up timeout */
    private Totals readTotals(CounterKey key, AwsRequestOverrideConfiguration override) {
        return call(() -> {
            GetItemResponse response = client.getItem(b -> b.tableName(table).key(itemKey(key)).overrideConfiguration(override)
                    .consistentRead(true).projectionExpression("#count, #visitors").expressionAttributeNames(COUNT_NAMES));
            return response.hasItem() ? totalsOf(response.item()) : Totals.ZERO;
        });
    }

    /** Only the totals of each day item: its breakdowns can be a hundred times larger, and are read apart. */
    @Override
    public List<DayTotals> days(CounterKey key, LocalDate from, LocalDate to) {
        return call(() -> {
            List<DayTotals> days = new ArrayList<>();
            dayItems(key, from, to, "#sk, #count, #visitors").forEach(item -> {
                Totals totals = totalsOf(item);
                days.add(new DayTotals(dayOf(item), totals.views(), totals.visitors()));
            });
            return days;
        });
    }

    @Override
    public List<DayShare> shares(CounterKey key, LocalDate from, LocalDate to) {
        return call(() -> {
            List<DayShare> shares = new ArrayList<>();
            dayItems(key, from, to, null).forEach(item -> shares.addAll(DynamoDbDayItems.sharesOf(dayOf(item), item)));
            return shares;
        });
    }

    /** The counter's day items from {@code from} to {@code to}, with the attributes of {@code projection} (null: all). */
    private Iterable<Map<String, AttributeValue>> dayItems(CounterKey key, LocalDate from, LocalDate to, String projection) {
        Map<String, String> names = new HashMap<>(Map.of("#pk", PARTITION_KEY, "#sk", SORT_KEY));
        if (projection != null) {
            names.putAll(COUNT_NAMES);
        }
        QueryRequest query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                .projectionExpression(projection)
                .expressionAttributeNames(names)
                .expressionAttributeValues(Map.of(
                        ":pk", AttributeValue.fromS(partition(key.site())),
                        ":from", AttributeValue.fromS(daySortKey(key, from)),
                        ":to", AttributeValue.fromS(daySortKey(key, to))))
                .build();
        return client.queryPaginator(query).items();
    }

    private static LocalDate dayOf(Map<String, AttributeValue> dayItem) {
        String sortKey = dayItem.get(SORT_KEY).s();
        return LocalDate.parse(sortKey.substring(sortKey.length() - 10));
    }

    @Override
    public boolean claimFirstVisit(CounterKey key, LocalDate day, String visitor, String claim) {
        Map<String, AttributeValue> item = new HashMap<>(key(key.site(), key.name() + "#seen#" + day + "#" + visitor));
        item.put("claim", AttributeValue.fromS(claim));
        item.put(EXPIRES_AT, expiry(day));
        writeCalls.incrementAndGet();
        return call(() -> {
            try {
                client.putItem(b -> b.tableName(table).item(item).overrideConfiguration(pageCall)
                        .conditionExpression("attribute_not_exists(#pk) OR #claim = :claim")
                        .expressionAttributeNames(Map.of("#pk", PARTITION_KEY, "#claim", "claim"))
                        .expressionAttributeValues(Map.of(":claim", AttributeValue.fromS(claim))));
                return true;
            } catch (ConditionalCheckFailedException seenBefore) {
                return false;
            }
        });
    }

    @Override
    public String dailySecret(String site, LocalDate day, String candidate) {
        Map<String, AttributeValue> key = key(site, SECRET_PREFIX + day);
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put("secret", AttributeValue.fromS(candidate));
        item.put(EXPIRES_AT, expiry(day));
        writeCalls.incrementAndGet();
        return call(() -> {
            try {
                client.putItem(b -> b.tableName(table).item(item).overrideConfiguration(pageCall)
                        .conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", PARTITION_KEY)));
                return candidate;
            } catch (ConditionalCheckFailedException anotherInstanceWasFirst) {
                return client.getItem(b -> b.tableName(table).key(key).consistentRead(true).overrideConfiguration(pageCall))
                        .item().get("secret").s();
            }
        });
    }

    /** Deletes the last few days' secrets (an instance may have missed a day change); expiry catches the rest. */
    @Override
    public void forgetVisitorsBefore(String site, LocalDate day) {
        call(() -> {
            for (int back = 1; back <= 3; back++) {
                Map<String, AttributeValue> old = key(site, SECRET_PREFIX + day.minusDays(back));
                writeCalls.incrementAndGet();
                client.deleteItem(b -> b.tableName(table).key(old));
            }
            return null;
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
                writeCalls.incrementAndGet();
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

    static final Map<String, String> COUNT_NAMES = Map.of("#count", COUNT, "#visitors", VISITORS);
    private static final String ADD_TALLY = "ADD #count :views, #visitors :visitors";

    private UpdateItemRequest.Builder increment(Map<String, AttributeValue> item, Tally tally) {
        return UpdateItemRequest.builder()
                .tableName(table)
                .key(item)
                .overrideConfiguration(pageCall)
                .updateExpression(ADD_TALLY)
                .expressionAttributeNames(COUNT_NAMES)
                .expressionAttributeValues(tallyValues(tally))
                .returnValues(ReturnValue.UPDATED_NEW);
    }

    static Map<String, AttributeValue> tallyValues(Tally tally) {
        return Map.of(":views", number(tally.views()), ":visitors", number(tally.visitors()));
    }

    static Map<String, AttributeValue> itemKey(CounterKey key) {
        return key(key.site(), key.name());
    }

    static Map<String, AttributeValue> dayKey(CounterKey key, LocalDate day) {
        return key(key.site(), daySortKey(key, day));
    }

    static String daySortKey(CounterKey key, LocalDate day) {
        return key.name() + "#day#" + day;
    }

    private static Map<String, AttributeValue> key(String site, String sortKey) {
        return Map.of(PARTITION_KEY, AttributeValue.fromS(partition(site)), SORT_KEY, AttributeValue.fromS(sortKey));
    }

    private static String partition(String site) {
        return "site#" + site;
    }

    /** DynamoDB's time to live: the start of the day after tomorrow, in epoch seconds. */
    private static AttributeValue expiry(LocalDate day) {
        return number(day.plusDays(2).atStartOfDay().toEpochSecond(ZoneOffset.UTC));
    }

    static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static Totals totalsOf(Map<String, AttributeValue> attributes) {
        return new Totals(numberOf(attributes.get(COUNT)), numberOf(attributes.get(VISITORS)));
    }

    private static long numberOf(AttributeValue value) {
        return value == null ? 0 : Long.parseLong(value.n());
    }

    private <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (SdkException e) {
            throw DynamoDbErrors.convert(e, table);
        }
    }

    @Override
    public long writeTransactions() {
        return writeCalls.get();
    }

    /** The client is shared and owned by the caller that built it; closing the store leaves it open. */
    @Override
    public void close() {
        calls.shutdown();
    }
}
