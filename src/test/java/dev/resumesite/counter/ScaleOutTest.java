package dev.resumesite.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resumesite.testing.Dynalite;
import dev.resumesite.testing.DynaliteExtension;
import dev.resumesite.testing.PageLoad;
import dev.resumesite.testing.Poll;
import dev.resumesite.testing.TestApp;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two instances on one table, as Elastic Beanstalk runs them: the count stays exact and numbers unique. */
@Tag("integration")
@ExtendWith(DynaliteExtension.class)
class ScaleOutTest {
    @Test
    void two_instances_sharing_a_table_count_exactly_and_never_show_a_number_twice(Dynalite dynalite) {
        String table = "scale-" + UUID.randomUUID();
        try (TestApp first = TestApp.start(TestApp.patient(TestApp.dynamoDbEnvironment(dynalite, table)));
             TestApp second = TestApp.start(TestApp.patient(TestApp.dynamoDbEnvironment(dynalite, table)))) {
            PageLoad load = PageLoad.start(List.of(first.uri("/"), second.uri("/")), 12);
            Poll.until(Duration.ofSeconds(30), "1,000 views", () -> load.ok() >= 1_000);
            load.stop();

            assertEquals(load.total(), load.ok(), "every page answered 200: " + load.statuses);
            assertEquals(0, load.updatingPages.get(), "the store was up, so every number was exact");
            assertEquals(load.ok(), new HashSet<>(load.exactNumbers).size(), "every page showed a number no other page showed");
            assertEquals(load.ok(), DynamoDbFaultsTest.storedCount(dynalite, table));
            long writes = first.healthFigure("writes") + second.healthFigure("writes");
            assertTrue(writes < load.ok(), writes + " writes for " + load.ok() + " views");
        }
    }
}
