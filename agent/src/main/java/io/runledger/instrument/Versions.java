package io.runledger.instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares framework version strings the way their releases order: numbers numerically, and the
 * qualifiers alpha &lt; beta &lt; milestone (M) &lt; rc &lt; snapshot &lt; release &lt; sp, so
 * {@code 1.0.0-beta7 < 1.0.0-M1.1 < 1.0.0-M2.1 < 1.0.0} and {@code 2.0.3 < 3.4.0}.
 */
public final class Versions {

    private Versions() {
    }

    /** Negative, zero or positive as {@code a} is older than, the same as or newer than {@code b}. */
    public static int compare(String a, String b) {
        List<Object> x = tokens(a);
        List<Object> y = tokens(b);
        for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
            Object p = i < x.size() ? x.get(i) : null;
            Object q = i < y.size() ? y.get(i) : null;
            int c = compareToken(p, q);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /**
     * A warning for a training on {@code version} when the module's tested range does not hold it, else
     * null (also when either is unknown).
     */
    public static String outOfRange(String framework, String version, String[] tested) {
        if (version == null || tested == null || tested.length != 2) {
            return null;
        }
        if (compare(version, tested[0]) < 0) {
            return framework + " " + version + " is older than the oldest version RunLedger is tested with (" + tested[0]
                    + "); what is recorded may be incomplete";
        }
        if (compare(version, tested[1]) > 0) {
            return framework + " " + version + " is newer than the newest version RunLedger is tested with (" + tested[1]
                    + "); what is recorded may be incomplete";
        }
        return null;
    }

    /** Numbers as Long; qualifiers as their rank (Integer); an absent token compares as a release. */
    private static int compareToken(Object p, Object q) {
        if (p == null && q == null) {
            return 0;
        }
        if (p == null) {
            return q instanceof Long ? (((Long) q) == 0 ? 0 : -1) : Integer.compare(RELEASE, (Integer) q);
        }
        if (q == null) {
            return -compareToken(q, p);
        }
        if (p instanceof Long && q instanceof Long) {
            return Long.compare((Long) p, (Long) q);
        }
        if (p instanceof Integer && q instanceof Integer) {
            return Integer.compare((Integer) p, (Integer) q);
        }
        return p instanceof Long ? 1 : -1;   // 1.0.1 is newer than 1.0-beta
    }

    private static final int RELEASE = 6;

    private static List<Object> tokens(String version) {
        List<Object> out = new ArrayList<>();
        String v = version.toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < v.length()) {
            char c = v.charAt(i);
            int j = i;
            if (Character.isDigit(c)) {
                while (j < v.length() && Character.isDigit(v.charAt(j))) {
                    j++;
                }
                out.add(Long.parseLong(v.substring(i, Math.min(j, i + 18))));
            } else if (Character.isLetter(c)) {
                while (j < v.length() && Character.isLetter(v.charAt(j))) {
                    j++;
                }
                out.add(rank(v.substring(i, j)));
            } else {
                j++;
            }
            i = j;
        }
        return out;
    }

    private static int rank(String qualifier) {
        switch (qualifier) {
            case "alpha": case "a": return 1;
            case "beta": case "b": return 2;
            case "milestone": case "m": return 3;
            case "rc": case "cr": return 4;
            case "snapshot": return 5;
            case "ga": case "final": case "release": return RELEASE;
            case "sp": return 7;
            default: return 0;
        }
    }
}
