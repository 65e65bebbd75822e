package dev.resumesite.counter;

import static dev.resumesite.counter.DynamoDbCounterStore.COUNT_NAMES;
import static dev.resumesite.counter.DynamoDbCounterStore.WRITER_PREFIX;
import static dev.resumesite.counter.DynamoDbCounterStore.dayKey;
import static dev.resumesite.counter.DynamoDbCounterStore.daySortKey;
import static dev.resumesite.counter.DynamoDbCounterStore.number;
import static dev.resumesite.counter.DynamoDbCounterStore.tallyValues;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The writes of a counter's day items for {@link DynamoDbCounterStore}: the day's totals and its
 * breakdowns, {@code source#<value>} and {@code country#<value>} (views), with the number of values
 * by name per dimension in {@code sourceValues} and {@code countryValues}.
 *
 * <p>The day's bound ({@link DayBreakdown}) is kept exactly across instances without a lock: each
 * instance knows the values a day item holds (none for a day it has not written yet; read at start-up
 * for today, and whenever a write finds its picture out of date; learnt from its own writes), and
 * a write that adds values by name is conditional on the item's count of them being what it knows
 * ({@code #sourceValues = :known}, which, as values are never removed, means the same values), and adds
 * its new ones to that count in the same {@code UpdateItem}. If another instance added one meanwhile,
 * the condition fails, this instance re-reads the item (a read, not a write), folds what no longer
 * fits into "other" and writes again; the writer's mark in the same condition keeps a retried batch
 * from counting twice. A batch that brings no new value needs no such condition.
 */
final class DynamoDbDayItems {
    private static final Map<Dimension, Set<String>> NOTHING_KNOWN = Map.of(Dimension.SOURCE, Set.of(), Dimension.COUNTRY, Set.of());
    /** Attempts of one day write while other instances keep adding values; each failed one re-reads the item. */
    private static final int DAY_WRITE_ATTEMPTS = 5;

    private final DynamoDbClient client;
    private final String table;
    private final AwsRequestOverrideConfiguration pageCall;
    private final AtomicLong writeCalls;
    /** Per day item written lately, the values by name it holds as far as this instance knows (never more than it holds). */
    private final Map<DayItem, Map<Dimension, Set<String>>> knownValues = new ConcurrentHashMap<>();

    /** @param writeCalls the store's count of write calls, which these writes add to */
    DynamoDbDayItems(DynamoDbClient client, String table, AwsRequestOverrideConfiguration pageCall, AtomicLong writeCalls) {
        this.client = client;
        this.table = table;
        this.pageCall = pageCall;
        this.writeCalls = writeCalls;
    }

    /**
     * Adds the tally and its breakdowns to the day item, within the day's bound, unless {@code token}
     * (null: no token) was already applied there: false then. Retries while another instance's new
     * values make this instance's picture of the item out of date. The day's totals are not answered:
     * the counter's own item answers a write's numbers.
     */
    boolean add(CounterKey key, Tally tally, WriteToken token) {
        DayItem day = new DayItem(key, tally.day());
        for (int attempt = 1; ; attempt++) {
            // A tally without breakdowns (a path of /api/hits) takes no place: no need to know the day's values.
            Map<Dimension, Set<String>> known = tally.hasBreakdowns() ? knownValues(day) : NOTHING_KNOWN;
            DayWrite write = dayWrite(day, tally, token, known);
            writeCalls.incrementAndGet();
            try {
                client.updateItem(write.request());
                write.added().forEach((dimension, values) -> knownValues(day).get(dimension).addAll(values));
                return true;
            } catch (ConditionalCheckFailedException condition) {
                if (write.added().isEmpty()) {
                    return false; // No value added, so the only condition was the writer's mark: the batch had landed.
                }
                Map<String, AttributeValue> item = learn(day, pageCall);
                AttributeValue mark = token == null ? null : item.get(WRITER_PREFIX + token.writer());
                if (mark != null && Long.parseLong(mark.n()) >= token.sequence()) {
                    return false;
                }
                if (attempt == DAY_WRITE_ATTEMPTS) {
                    throw new StoreUnavailableException("the day item " + day.sortKey() + " changed under " + attempt
                            + " writes in a row; the batch will be retried", condition);
                }
            }
        }
    }

    /** A counter's item of one UTC day. */
    private record DayItem(CounterKey key, LocalDate day) {
        String sortKey() {
            return daySortKey(key, day);
        }
    }

    /** One day write and the values by name it adds, per dimension, if it lands. */
    private record DayWrite(UpdateItemRequest request, Map<Dimension, List<String>> added) {
    }

    private DayWrite dayWrite(DayItem day, Tally tally, WriteToken token, Map<Dimension, Set<String>> known) {
        Map<String, String> names = new HashMap<>(COUNT_NAMES);
        Map<String, AttributeValue> values = new HashMap<>(tallyValues(tally));
        List<String> adds = new ArrayList<>(List.of("#count :views", "#visitors :visitors"));
        List<String> conditions = new ArrayList<>();
        Map<Dimension, List<String>> added = new EnumMap<>(Dimension.class);
        for (Dimension dimension : Dimension.values()) {
            Set<String> stored = Set.copyOf(known.get(dimension));
            Map<String, Long> kept = DayBreakdown.within(tally.of(dimension), stored);
            int i = 0;
            for (Map.Entry<String, Long> share : kept.entrySet()) {
                String alias = dimension.label().charAt(0) + Integer.toString(i++);
                names.put("#" + alias, shareAttribute(dimension, share.getKey()));
                values.put(":" + alias, number(share.getValue()));
                adds.add("#" + alias + " :" + alias);
            }
            List<String> fresh = DayBreakdown.newValues(kept, stored);
            if (!fresh.isEmpty()) {
                // Only a write that takes places must know how many are taken: none was taken meanwhile.
                String count = "#" + dimension.label() + "Values";
                names.put(count, valuesAttribute(dimension));
                values.put(":" + dimension.label() + "New", number(fresh.size()));
                adds.add(count + " :" + dimension.label() + "New");
                if (stored.isEmpty()) {
                    conditions.add("attribute_not_exists(" + count + ")");
                } else {
                    values.put(":" + dimension.label() + "Known", number(stored.size()));
                    conditions.add(count + " = :" + dimension.label() + "Known");
                }
                added.put(dimension, fresh);
            }
        }
        String update = "ADD " + String.join(", ", adds);
        if (token != null) {
            names.put("#writer", WRITER_PREFIX + token.writer());
            values.put(":sequence", number(token.sequence()));
            update += " SET #writer = :sequence";
            conditions.add("(attribute_not_exists(#writer) OR #writer < :sequence)");
        }
        UpdateItemRequest.Builder request = UpdateItemRequest.builder().tableName(table).key(dayKey(day.key(), day.day()))
                .overrideConfiguration(pageCall).updateExpression(update)
                .expressionAttributeNames(names).expressionAttributeValues(values).returnValues(ReturnValue.NONE);
        if (!conditions.isEmpty()) {
            request.conditionExpression(String.join(" AND ", conditions));
        }
        return new DayWrite(request.build(), added);
    }

    /**
     * The values by name this instance knows the day item holds. A day it never wrote or read is taken
     * to hold none, so the first write of a new day costs no read; if another instance (or this one
     * before a restart) wrote values that day, that write's condition fails and the item is read then.
     */
    private Map<Dimension, Set<String>> knownValues(DayItem day) {
        Map<Dimension, Set<String>> known = knownValues.get(day);
        if (known == null) {
            // Only today and yesterday are written: older days' pictures can go.
            knownValues.keySet().removeIf(other -> other.day().isBefore(day.day().minusDays(1)));
            known = knownValues.computeIfAbsent(day, unused -> {
                Map<Dimension, Set<String>> sets = new EnumMap<>(Dimension.class);
                for (Dimension dimension : Dimension.values()) {
                    sets.put(dimension, ConcurrentHashMap.newKeySet());
                }
                return sets;
            });
        }
        return known;
    }

    /**
     * Learns the values {@code key}'s item of {@code day} holds, with the client's start-up timeout: at
     * start-up, so a restarted instance's first batch does not find its picture out of date.
     */
    void learn(CounterKey key, LocalDate day) {
        learn(new DayItem(key, day), null);
    }

    /**
     * Reads the day item (consistently) and notes the values by name it holds; returns the item.
     *
     * @param override the page's budget, or null for the client's start-up timeout
     */
    private Map<String, AttributeValue> learn(DayItem day, AwsRequestOverrideConfiguration override) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(dayKey(day.key(), day.day()))
                .consistentRead(true).overrideConfiguration(override)).item();
        Map<Dimension, Set<String>> known = knownValues(day);
        sharesOf(day.day(), item).stream().filter(share -> !share.value().equals(ReaderOrigin.OTHER))
                .forEach(share -> known.get(share.dimension()).add(share.value()));
        return item;
    }

    private static String shareAttribute(Dimension dimension, String value) {
        return dimension.label() + "#" + value;
    }

    private static String valuesAttribute(Dimension dimension) {
        return dimension.label() + "Values";
    }

    /** The breakdown rows a day item holds. */
    static List<DayShare> sharesOf(LocalDate day, Map<String, AttributeValue> item) {
        List<DayShare> shares = new ArrayList<>();
        item.forEach((attribute, value) -> {
            for (Dimension dimension : Dimension.values()) {
                String prefix = dimension.label() + "#";
                if (attribute.startsWith(prefix) && value.n() != null) {
                    shares.add(new DayShare(day, dimension, attribute.substring(prefix.length()), Long.parseLong(value.n())));
                }
            }
        });
        return shares;
    }
}
