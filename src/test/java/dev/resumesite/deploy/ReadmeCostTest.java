package dev.resumesite.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The cost table in docs/deploy.md adds up, prices what the stack deploys by default, and keeps personal within $15. */
@Tag("integration")
class ReadmeCostTest {
    static final double PERSONAL_TARGET = 15.0;
    static final Pattern AMOUNT = Pattern.compile("\\$(\\d+(?:\\.\\d+)?)");

    @Test
    void the_personal_profile_costs_at_most_15_dollars_at_rest_and_the_total_adds_up() {
        List<String[]> rows = atRestRows();
        double sum = 0;
        String total = null;
        for (String[] row : rows) {
            if (row[0].contains("**Total**")) {
                total = row[1];
            } else {
                sum += amount(row[1]);
            }
        }
        assertTrue(total != null, "a Total row");
        double stated = amount(total);
        assertTrue(Math.abs(stated - sum) <= 1.0, "stated " + stated + ", rows add up to " + sum);
        assertTrue(sum <= PERSONAL_TARGET, "personal at rest: $" + sum);
    }

    @Test
    void the_table_prices_the_instance_type_and_profile_the_stack_deploys_by_default() {
        Map<String, Object> parameters = Cfn.map(Cfn.template().get("Parameters"));
        String instanceType = (String) Cfn.map(parameters.get("InstanceType")).get("Default");
        assertEquals("personal", Cfn.map(parameters.get("Profile")).get("Default"));
        assertTrue(atRestRows().get(0)[0].contains("`" + instanceType + "`"), "the first row prices " + instanceType);
    }

    /** Rows of the first table under "## Cost": item, personal, ha, source. */
    static List<String[]> atRestRows() {
        String runbook = RepoFiles.read("docs/deploy.md");
        String section = runbook.substring(runbook.indexOf("## Cost"));
        List<String[]> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : section.lines().toList()) {
            if (line.startsWith("| Item |")) {
                inTable = true;
                continue;
            }
            if (inTable && line.startsWith("| ---")) {
                continue;
            }
            if (inTable && !line.startsWith("|")) {
                break;
            }
            if (inTable) {
                String[] cells = line.substring(1, line.length() - 1).split("\\|");
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = cells[i].trim();
                }
                rows.add(cells);
            }
        }
        assertTrue(rows.size() > 4, "the at-rest cost table under ## Cost in docs/deploy.md");
        return rows;
    }

    /** "$6.13" is 6.13, "< $1" counts as 1, "-" as 0, "about $12" as 12. */
    static double amount(String cell) {
        if (cell.equals("-")) {
            return 0;
        }
        Matcher matcher = AMOUNT.matcher(cell);
        assertTrue(matcher.find(), "no amount in " + cell);
        return Double.parseDouble(matcher.group(1));
    }
}
