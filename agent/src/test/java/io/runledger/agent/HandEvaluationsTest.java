package io.runledger.agent;

import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A hand-filled evaluator outlives the program's last reference to it until the run's end reads it. */
class HandEvaluationsTest {

    @Test
    void theLatestEvaluatorsSurviveACollectionOlderOnesMayNot() throws Exception {
        HandEvaluations hand = new HandEvaluations();
        Trainings trainings = new Trainings();
        WeakReference<Object> oldest = fill(hand, trainings);   // the program drops every evaluator once filled
        for (int i = 0; i < HandEvaluations.KEPT; i++) {
            fill(hand, trainings);
        }
        for (int i = 0; i < 20 && oldest.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        List<HandEvaluations.Filled> all = hand.all();
        assertEquals(HandEvaluations.KEPT + 1, all.size());
        assertNull(all.get(0).get(), "the oldest was let go once " + HandEvaluations.KEPT + " newer ones were filled");
        for (int i = 1; i < all.size(); i++) {
            assertNotNull(all.get(i).get(), "evaluator " + i + " is still there to be read at the end");
        }
    }

    private static WeakReference<Object> fill(HandEvaluations hand, Trainings trainings) {
        Object evaluator = new int[1024];
        hand.filled("dl4j", evaluator, trainings);
        return new WeakReference<>(evaluator);
    }
}
