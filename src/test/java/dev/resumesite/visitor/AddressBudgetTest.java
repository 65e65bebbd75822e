package dev.resumesite.visitor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class AddressBudgetTest {
    private static final long HOUR = Duration.ofHours(1).toNanos();

    private static boolean countNew(AddressBudget budget, String address, long now) {
        try (AddressBudget.Permit permit = budget.reserve(address, now)) {
            if (permit.granted()) {
                permit.spend(true);
            }
            return permit.granted();
        }
    }

    @Test
    void one_address_counts_at_most_its_new_visitors_per_window_whatever_else_it_rotates() {
        AddressBudget budget = new AddressBudget(10, 3, Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            assertTrue(countNew(budget, "203.0.113.7", i));
        }
        assertFalse(countNew(budget, "203.0.113.7", 4), "the fourth new visitor of the hour is not counted");
        assertTrue(countNew(budget, "203.0.113.8", 4), "another address has its own budget");
        assertTrue(countNew(budget, "203.0.113.7", HOUR + 4), "a new window, a new budget");
    }

    @Test
    void ipv6_addresses_of_one_64_share_a_budget() {
        AddressBudget budget = new AddressBudget(10, 1, Duration.ofHours(1));
        assertTrue(countNew(budget, "2001:db8:1:2::1", 0));
        assertFalse(countNew(budget, "2001:db8:1:2:ffff::9", 1), "same /64");
        assertTrue(countNew(budget, "2001:db8:1:3::1", 1), "another /64");
    }

    @Test
    void robots_reloads_and_failures_give_the_reservation_back() {
        AddressBudget budget = new AddressBudget(1, 1, Duration.ofHours(1));
        for (int i = 0; i < 100; i++) {
            try (AddressBudget.Permit permit = budget.reserve("198.51.100.1", i)) {
                assertTrue(permit.granted(), "nothing spent yet, request " + i);
            }
        }
        assertTrue(countNew(budget, "198.51.100.1", 200));
        assertFalse(countNew(budget, "198.51.100.1", 201));
    }

    @Test
    void a_returning_visitor_spends_a_view_but_not_a_new_visitor() {
        AddressBudget budget = new AddressBudget(3, 1, Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            try (AddressBudget.Permit permit = budget.reserve("198.51.100.2", i)) {
                assertTrue(permit.granted());
                permit.spend(false);
            }
        }
        assertFalse(budget.reserve("198.51.100.2", 4).granted(), "three views used up");
    }
}
