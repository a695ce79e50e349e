package io.runledger.util;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdentityMemoTest {

    @Test
    void theSameObjectTwiceInARowIsWorkedOutOnceAndAnEqualOneAgain() {
        IdentityMemo<String> memo = new IdentityMemo<>();
        AtomicInteger computed = new AtomicInteger();
        List<String> a = new ArrayList<>(List.of("x"));
        List<String> equalToA = new ArrayList<>(List.of("x"));
        assertEquals("1", memo.get(a, () -> String.valueOf(computed.incrementAndGet())));
        assertEquals("1", memo.get(a, () -> String.valueOf(computed.incrementAndGet())));
        assertEquals("2", memo.get(equalToA, () -> String.valueOf(computed.incrementAndGet())), "by identity, not equals");
        assertEquals("3", memo.get(a, () -> String.valueOf(computed.incrementAndGet())), "one entry: the last object only");
        memo.clear();
        assertEquals("4", memo.get(a, () -> String.valueOf(computed.incrementAndGet())));
    }

    @Test
    void aNullValueIsKeptLikeAnyOther() {
        IdentityMemo<String> memo = new IdentityMemo<>();
        AtomicInteger computed = new AtomicInteger();
        Object key = new Object();
        memo.get(key, () -> { computed.incrementAndGet(); return null; });
        memo.get(key, () -> { computed.incrementAndGet(); return null; });
        assertEquals(1, computed.get());
    }

    @Test
    void anEntryKnowsItsObjectByIdentity() {
        Object about = new Object();
        IdentityMemo.Entry<Integer> e = new IdentityMemo.Entry<>(about, 7);
        assertTrue(e.isAbout(about));
        assertFalse(e.isAbout(new Object()));
        assertFalse(e.isStale());
        assertEquals(7, e.value());
    }
}
