package io.runledger.redact;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Files that hold credentials: never data sources and never hashed, because an unsalted SHA-256 of a
 * short password is as good as the password. Judged by the absolute path alone, on the opening thread.
 */
public final class CredentialFiles {

    private static final List<String> DIRECTORIES = Arrays.asList("/.ssh/", "/.gnupg/", "/run/secrets/", "/var/run/secrets/");
    private static final List<String> FILE_NAMES = Arrays.asList(".netrc", "_netrc", ".pgpass", ".git-credentials", ".my.cnf",
            ".npmrc", ".pypirc", ".dockercfg", ".env", "application_default_credentials.json", "credentials.db",
            "access_tokens.db");
    /** A file name ending at one of these parent/name pairs: {@code ~/.aws/credentials}, {@code ~/.kube/config}. */
    private static final List<String> PATH_ENDINGS = Arrays.asList("/.aws/credentials", "/.aws/config", "/.kube/config",
            "/.docker/config.json", "/.config/gcloud/credentials.db", "/.azure/accesstokens.json", "/.databrickscfg",
            "/.huggingface/token", "/.cache/huggingface/token", "/.config/gh/hosts.yml");
    private static final List<String> EXTENSIONS = Arrays.asList(".pem", ".key", ".p12", ".pfx", ".jks", ".jceks", ".keystore",
            ".kdbx", ".ppk", ".asc", ".gpg");

    private CredentialFiles() {
    }

    /** True when the file at this absolute path holds, by its place or name, credentials. */
    public static boolean isCredential(String absolutePath) {
        String p = absolutePath.replace('\\', '/');
        for (String d : DIRECTORIES) {
            if (p.contains(d)) {
                return true;
            }
        }
        for (String ending : PATH_ENDINGS) {
            if (p.endsWith(ending)) {
                return true;
            }
        }
        String name = p.substring(p.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (FILE_NAMES.contains(name) || name.startsWith(".env.")) {
            return true;
        }
        for (String ext : EXTENSIONS) {
            if (name.endsWith(ext)) {
                return true;
            }
        }
        return false;
    }
}
