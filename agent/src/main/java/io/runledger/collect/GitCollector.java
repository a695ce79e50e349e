package io.runledger.collect;

import io.runledger.redact.Redactor;
import io.runledger.snapshot.CodeInfo;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The git state of the working directory's repository, read with the {@code git} command: commit,
 * branch, dirty flag, changed files and the origin URL without credentials. Null when the directory is
 * not in a repository or git is not installed.
 */
public final class GitCollector {

    private static final long TIMEOUT_SECONDS = 5;
    private static final int MAX_CHANGED_FILES = 500;

    private GitCollector() {
    }

    public static CodeInfo collect(Path workingDirectory, Redactor redactor) {
        Path root = findRoot(workingDirectory.toAbsolutePath());
        if (root == null) {
            return null;
        }
        String commit = git(root, "rev-parse", "HEAD");
        if (commit == null) {
            return null;   // no git binary, or no commit yet
        }
        String branch = git(root, "rev-parse", "--abbrev-ref", "HEAD");
        String status = git(root, "status", "--porcelain=v1", "--untracked-files=normal");
        List<String> changed = new ArrayList<>();
        if (status != null) {
            for (String line : status.split("\n")) {
                if (line.length() > 3 && changed.size() < MAX_CHANGED_FILES) {
                    changed.add(line.substring(3));
                }
            }
        }
        String remote = git(root, "config", "--get", "remote.origin.url");
        return new CodeInfo(root.toString(), commit, branch, status == null || !status.isEmpty(),
                Collections.unmodifiableList(changed), remote == null ? null : withoutCredentials(remote, redactor));
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

    private static String git(Path root, String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.add("-c");
        command.add("core.quotepath=off");
        Collections.addAll(command, args);
        try {
            Process p = new ProcessBuilder(command).directory(root.toFile())
                    .redirectError(ProcessBuilder.Redirect.to(new File("/dev/null").exists() ? new File("/dev/null") : new File("NUL")))
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            p.getOutputStream().close();
            byte[] out = readAll(p.getInputStream());
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            if (p.exitValue() != 0) {
                return null;
            }
            String text = new String(out, StandardCharsets.UTF_8);
            return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
