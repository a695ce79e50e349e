package io.runledger.ledger;

import io.runledger.util.Hex;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The roots of the perfect subtrees that make up an RFC 9162 tree of {@code size} leaves, largest first
 * (one per set bit of {@code size}). Appending a leaf and computing the root touch only these, so a writer
 * updates the checkpoint in O(log n) instead of rehashing every line. It also remembers how many bytes of
 * the ledger file it covers: a writer trusts a stored range only when the file still has exactly that
 * length, and otherwise rebuilds it from the lines.
 */
final class CompactRange {

    private static final String HEADER = "runledger-tree-v1";

    final long size;
    final long bytes;
    private final List<byte[]> peaks;

    private CompactRange(long size, long bytes, List<byte[]> peaks) {
        this.size = size;
        this.bytes = bytes;
        this.peaks = Collections.unmodifiableList(peaks);
    }

    static CompactRange empty() {
        return new CompactRange(0, 0, new ArrayList<>());
    }

    /** The range over {@code leaves}, covering {@code bytes} of the ledger file. */
    static CompactRange of(List<byte[]> leaves, long bytes) {
        CompactRange r = empty();
        for (byte[] leaf : leaves) {
            r = r.append(leaf, 0);
        }
        return new CompactRange(r.size, bytes, new ArrayList<>(r.peaks));
    }

    /** This range with one more leaf, covering {@code lineBytes} more of the file. */
    CompactRange append(byte[] leaf, long lineBytes) {
        List<byte[]> next = new ArrayList<>(peaks);
        byte[] carry = leaf;
        // the new leaf merges with every peak of equal height: one per trailing set bit of size
        for (long s = size; (s & 1) == 1; s >>= 1) {
            carry = MerkleTree.nodeHash(next.remove(next.size() - 1), carry);
        }
        next.add(carry);
        return new CompactRange(size + 1, bytes + lineBytes, next);
    }

    /** MTH of the whole tree: the peaks folded from the smallest, as RFC 9162's split rule nests them. */
    byte[] root() {
        if (peaks.isEmpty()) {
            return MerkleTree.root(Collections.emptyList());
        }
        byte[] acc = peaks.get(peaks.size() - 1);
        for (int i = peaks.size() - 2; i >= 0; i--) {
            acc = MerkleTree.nodeHash(peaks.get(i), acc);
        }
        return acc;
    }

    String text() {
        StringBuilder b = new StringBuilder(HEADER).append('\n').append(size).append('\n').append(bytes).append('\n');
        for (byte[] p : peaks) {
            b.append(Hex.of(p)).append('\n');
        }
        return b.toString();
    }

    /** Parses {@link #text()}; null when the text is not a consistent range (then the writer rebuilds it). */
    static CompactRange parse(byte[] raw) {
        try {
            String[] lines = new String(raw, StandardCharsets.US_ASCII).split("\n");
            if (lines.length < 3 || !HEADER.equals(lines[0])) {
                return null;
            }
            long size = Long.parseLong(lines[1]);
            long bytes = Long.parseLong(lines[2]);
            if (size < 0 || bytes < 0 || lines.length - 3 != Long.bitCount(size)) {
                return null;
            }
            List<byte[]> peaks = new ArrayList<>();
            for (int i = 3; i < lines.length; i++) {
                byte[] h = Hex.parse(lines[i]);
                if (h.length != 32) {
                    return null;
                }
                peaks.add(h);
            }
            return new CompactRange(size, bytes, peaks);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
