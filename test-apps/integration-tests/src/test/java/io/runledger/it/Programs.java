package io.runledger.it;

import java.io.File;

/** External programs the tests drive (a browser, Prometheus, the Pushgateway), and what to do when one is missing. */
final class Programs {

    private Programs() {
    }

    /** Fails the test with the Debian package to install when {@code command} is not on the PATH. */
    static void require(String command, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, command).canExecute()) {
                return;
            }
        }
        throw new AssertionError("'" + command + "' is not installed: install the Debian package " + debianPackage
                + " (apt-get install " + debianPackage + "), or run ./test.sh, which installs it");
    }
}
