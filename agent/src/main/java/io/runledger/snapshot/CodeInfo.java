package io.runledger.snapshot;

import java.util.List;

/** The git state of the working directory's repository. */
public final class CodeInfo {

    public final String root;
    public final String commit;
    public final String branch;
    public final boolean dirty;
    public final List<String> changedFiles;
    public final String remoteUrl;

    public CodeInfo(String root, String commit, String branch, boolean dirty, List<String> changedFiles, String remoteUrl) {
        this.root = root;
        this.commit = commit;
        this.branch = branch;
        this.dirty = dirty;
        this.changedFiles = changedFiles;
        this.remoteUrl = remoteUrl;
    }
}
