package io.runledger.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.runledger.util.Hex;
import io.runledger.util.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Re-hashes every snapshot named by the ledger and walks the chain. Every problem is named and
 * checking goes on past it: an edited or missing snapshot, an edited, deleted or reordered line, an
 * unreadable line or file, and a finished snapshot that no line records.
 */
public final class LedgerVerifier {

    /** What verification found. */
    public static final class Result {
        public final int lines;
        public final int snapshotsChecked;
        public final List<String> problems;

        Result(int lines, int snapshotsChecked, List<String> problems) {
            this.lines = lines;
            this.snapshotsChecked = snapshotsChecked;
            this.problems = problems;
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private LedgerVerifier() {
    }

    public static Result verify(Ledger ledger) throws IOException {
        List<String> problems = new ArrayList<>();
        List<String> lines = ledger.readLines();
        Set<String> recorded = new HashSet<>();
        String prevText = null;
        long expectedSeq = 1;
        int checked = 0;
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            int lineNo = i + 1;
            String expectedPrev = prevText == null ? Ledger.GENESIS : Hex.sha256(prevText);
            prevText = text;
            JsonNode line;
            try {
                line = Json.MAPPER.readTree(text);
            } catch (IOException e) {
                problems.add("ledger line " + lineNo + ": unreadable (not JSON)");
                expectedSeq++;
                continue;
            }
            long seq = line.path("seq").asLong(-1);
            String runId = line.path("runId").asText("");
            if (seq != expectedSeq) {
                problems.add("ledger line " + lineNo + " (run " + runId + "): sequence " + seq + " where " + expectedSeq
                        + " was expected: " + (seq > expectedSeq ? "line(s) deleted or moved before it" : "lines reordered or duplicated"));
            }
            expectedSeq = seq + 1;
            if (!expectedPrev.equals(line.path("prevSha256").asText())) {
                problems.add("ledger line " + lineNo + " (run " + runId + "): chain broken: the previous line was edited, deleted or reordered");
            }
            if (runId.isEmpty() || !runId.matches("[A-Za-z0-9._-]+")) {
                problems.add("ledger line " + lineNo + ": no valid run id");
                continue;
            }
            recorded.add(runId);
            Path file = ledger.snapshotFile(runId);
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                problems.add("run " + runId + ": snapshot missing (" + file + ")");
                continue;
            } catch (IOException e) {
                problems.add("run " + runId + ": snapshot unreadable (" + e.getMessage() + ")");
                continue;
            }
            checked++;
            if (!Hex.sha256(bytes).equals(line.path("snapshotSha256").asText())) {
                problems.add("run " + runId + ": snapshot edited since it was recorded (SHA-256 differs)");
            }
            try {
                Json.MAPPER.readTree(bytes);
            } catch (IOException e) {
                problems.add("run " + runId + ": snapshot unreadable (not JSON)");
            }
        }
        for (Path file : ledger.snapshotFiles()) {
            String id = file.getFileName().toString().replaceFirst("\\.json$", "");
            if (recorded.contains(id)) {
                continue;
            }
            String status;
            try {
                status = Json.MAPPER.readTree(file.toFile()).path("run").path("status").asText("");
            } catch (IOException e) {
                problems.add("run " + id + ": snapshot unreadable (not JSON) and not in the ledger");
                continue;
            }
            if (!"RUNNING".equals(status)) {
                problems.add("run " + id + ": finished snapshot (" + status + ") not recorded in the ledger");
            }
        }
        return new Result(lines.size(), checked, problems);
    }
}
