package io.runledger.util;

import io.runledger.redact.RedactedJson;
import io.runledger.redact.Redactor;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LateTextTest {

    /** A framework object whose printing is costly: counts how often it is printed. */
    private static final class Report {
        final AtomicInteger printed = new AtomicInteger();
        final String text;

        Report(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            printed.incrementAndGet();
            return text;
        }
    }

    @Test
    void printsItsSourceOnceWhoeverAsksFirst() {
        Report report = new Report("accuracy 0.97");
        LateText late = new LateText(report);
        assertEquals(0, report.printed.get(), "nothing is printed when the text is made");
        late.run();
        assertEquals("accuracy 0.97", late.text());
        assertEquals("accuracy 0.97", late.toString());
        assertEquals(1, report.printed.get());
    }

    @Test
    void aSourceThatCannotPrintGivesNoText() {
        LateText late = new LateText(new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("broken");
            }
        });
        assertNull(late.text());
        assertNull(late.text(), "tried once");
    }

    @Test
    void workOutQueuesEveryLateTextOfAMapAndNothingElse() {
        Report a = new Report("a");
        Report b = new Report("b");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("report", new LateText(a));
        details.put("plain", "text");
        details.put("matrix", new LateText(b));
        List<Runnable> queued = new ArrayList<>();
        LateText.workOut(details, queued::add);
        assertEquals(2, queued.size());
        queued.forEach(Runnable::run);
        assertEquals(1, a.printed.get());
        assertEquals(1, b.printed.get());
    }

    @Test
    void isWrittenAsItsTextAndRedactedLikeAnyOther() throws Exception {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("report", new LateText(new Report("url https://user:hunter2secret@example.org/x")));
        details.put("missing", new LateText(new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("broken");
            }
        }));
        String json = new String(RedactedJson.compact(details, Redactor.defaults()), StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"report\":\"url https://user:"), json);
        assertTrue(!json.contains("hunter2secret") && json.contains(Redactor.MASK), json);
        assertTrue(json.contains("\"missing\":null"), json);
    }
}
