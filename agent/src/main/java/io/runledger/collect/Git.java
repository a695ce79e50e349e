package io.runledger.collect;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The one way the agent and the CLI run {@code git}: paths unquoted ({@code core.quotepath=off}, so
 * non-ASCII names read the same everywhere), no stdin, stderr discarded, a time limit. Used by the
 * collector when a run starts and by {@code reproduce} when it is compared later, so both see the same.
 */
public final class Git {

    private static final long TIMEOUT_SECONDS = 5;
    /** Changed files listed at most (a huge dirty tree must not bloat every snapshot). */
    public static final int MAX_CHANGED_FILES = 500;

    private Git() {
    }

    /** The command's output without its final newline, or null (no git, not a repository, failure, timeout). */
    public static String run(Path root, String... args) {
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

    /** {@code git status --porcelain}, or null when git cannot tell. */
    public static String status(Path root) {
        return run(root, "status", "--porcelain=v1", "--untracked-files=normal");
    }

    /** The paths in a porcelain status ("XY path" lines), at most {@link #MAX_CHANGED_FILES}. */
    public static List<String> changedFiles(String porcelain) {
        List<String> changed = new ArrayList<>();
        if (porcelain != null) {
            for (String line : porcelain.split("\n")) {
                if (line.length() > 3 && changed.size() < MAX_CHANGED_FILES) {
                    changed.add(line.substring(3));   // the two status letters, a space, the path
                }
            }
        }
        return changed;
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
