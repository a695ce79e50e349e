package io.runledger.config;

/** Who besides the writing user may read and write a ledger directory. */
public enum LedgerMode {
    /** Directories 0700, files 0600: snapshots hold command lines and environments. */
    PRIVATE,
    /** Directories 0770, files 0660: a team shares one ledger through a Unix group. */
    GROUP
}
