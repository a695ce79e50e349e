package io.runledger.collect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a repository's commit, branch and origin URL from its files, without running git: used where
 * starting a process would change the program's JVM (see {@link ChildProcesses#wouldChangeTheHost()}). The
 * working tree's state cannot be told this way.
 */
final class GitFiles {

    private static final long MAX_FILE_BYTES = 1L << 20;

    private GitFiles() {
    }

    /** The git directory of the repository at {@code root}: {@code .git}, or where a {@code .git} file points (worktrees). */
    static Path gitDir(Path root) {
        Path dotGit = root.resolve(".git");
        if (Files.isDirectory(dotGit, LinkOption.NOFOLLOW_LINKS)) {
            return dotGit;
        }
        String pointer = read(dotGit);
        if (pointer != null && pointer.startsWith("gitdir:")) {
            return root.resolve(pointer.substring("gitdir:".length()).trim()).normalize();
        }
        return null;
    }

    /** {commit, branch}: the branch "HEAD" when detached; null when HEAD cannot be resolved. */
    static String[] head(Path gitDir) {
        String head = read(gitDir.resolve("HEAD"));
        if (head == null) {
            return null;
        }
        if (!head.startsWith("ref:")) {
            return isCommit(head) ? new String[] {head, "HEAD"} : null;
        }
        String ref = head.substring("ref:".length()).trim();
        String branch = ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref;
        String commit = read(commonDir(gitDir).resolve(ref));
        if (commit == null) {
            commit = packedRef(commonDir(gitDir), ref);
        }
        return commit != null && isCommit(commit) ? new String[] {commit, branch} : null;
    }

    /** {@code remote.origin.url} from the repository's config, or null. */
    static String originUrl(Path gitDir) {
        String config = read(commonDir(gitDir).resolve("config"));
        if (config == null) {
            return null;
        }
        boolean inOrigin = false;
        for (String line : config.split("\n")) {
            String t = line.trim();
            if (t.startsWith("[")) {
                inOrigin = t.replace(" ", "").equals("[remote\"origin\"]");
            } else if (inOrigin && t.startsWith("url")) {
                int eq = t.indexOf('=');
                if (eq > 0 && t.substring(0, eq).trim().equals("url")) {
                    return t.substring(eq + 1).trim();
                }
            }
        }
        return null;
    }

    /** A worktree's shared directory ({@code commondir}), else the git directory itself. */
    private static Path commonDir(Path gitDir) {
        String common = read(gitDir.resolve("commondir"));
        return common == null ? gitDir : gitDir.resolve(common).normalize();
    }

    private static String packedRef(Path dir, String ref) {
        String packed = read(dir.resolve("packed-refs"));
        if (packed != null) {
            for (String line : packed.split("\n")) {
                if (line.endsWith(" " + ref)) {
                    return line.substring(0, line.indexOf(' '));
                }
            }
        }
        return null;
    }

    private static boolean isCommit(String s) {
        return s.matches("[0-9a-f]{40}([0-9a-f]{24})?");
    }

    /** A small regular file's trimmed text (links not followed), or null. */
    private static String read(Path file) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_FILE_BYTES) {
                return null;
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines).trim();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
