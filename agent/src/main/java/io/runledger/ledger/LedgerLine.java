package io.runledger.ledger;

/** One line of {@code ledger.jsonl}. */
public final class LedgerLine {

    public final long seq;
    public final String runId;
    public final String status;
    public final String snapshotSha256;
    public final String prevSha256;
    public final String text;

    public LedgerLine(long seq, String runId, String status, String snapshotSha256, String prevSha256, String text) {
        this.seq = seq;
        this.runId = runId;
        this.status = status;
        this.snapshotSha256 = snapshotSha256;
        this.prevSha256 = prevSha256;
        this.text = text;
    }
}
