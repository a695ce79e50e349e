package io.runledger.collect;

import io.runledger.redact.Redactor;
import io.runledger.snapshot.CodeInfo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

/**
 * The git state of the working directory's repository, read with the {@code git} command: commit,
 * branch, dirty flag, changed files and the origin URL without credentials. Null when the directory is
 * not in a repository or git is not installed.
 */
public final class GitCollector {

    private GitCollector() {
    }

    public static CodeInfo collect(Path workingDirectory, Redactor redactor) {
        Path root = findRoot(workingDirectory.toAbsolutePath());
        if (root == null) {
            return null;
        }
        if (ChildProcesses.wouldChangeTheHost()) {
            return fromFiles(root, redactor);
        }
        String commit = Git.run(root, "rev-parse", "HEAD");
        if (commit == null) {
            return null;   // no git binary, or no commit yet
        }
        String branch = Git.run(root, "rev-parse", "--abbrev-ref", "HEAD");
        String status = Git.status(root);
        List<String> changed = Git.changedFiles(status);
        String remote = Git.run(root, "config", "--get", "remote.origin.url");
        return new CodeInfo(root.toString(), commit, branch, status == null || !status.isEmpty(),
                Collections.unmodifiableList(changed), remote == null ? null : withoutCredentials(remote, redactor));
    }

    /**
     * Commit, branch and origin from the repository's files; the working tree is not examined, so it is
     * reported dirty with no file list (as when {@code git status} fails): a reproduction must not trust
     * the commit alone.
     */
    private static CodeInfo fromFiles(Path root, Redactor redactor) {
        Path gitDir = GitFiles.gitDir(root);
        String[] head = gitDir == null ? null : GitFiles.head(gitDir);
        if (head == null) {
            return null;
        }
        String remote = GitFiles.originUrl(gitDir);
        return new CodeInfo(root.toString(), head[0], head[1], true, Collections.<String>emptyList(),
                remote == null ? null : withoutCredentials(remote, redactor));
    }

    /** {@code https://user:pass@host/x} → {@code https://host/x}: the URL stays, the credentials go. */
    static String withoutCredentials(String url, Redactor redactor) {
        String stripped = url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1");
        return redactor.redactValue(stripped);
    }

    private static Path findRoot(Path dir) {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return p;
            }
        }
        return null;
    }
}
