package io.runledger.ledger;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

/** This machine's host name, read cheaply (no DNS on Linux). */
public final class Hostname {

    private static volatile String cached;

    private Hostname() {
    }

    public static String get() {
        String h = cached;
        if (h == null) {
            h = read();
            cached = h;
        }
        return h;
    }

    private static String read() {
        try {
            return new String(Files.readAllBytes(Paths.get("/proc/sys/kernel/hostname")), StandardCharsets.UTF_8).trim();
        } catch (Exception notLinux) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (Exception e) {
                return "unknown";
            }
        }
    }
}
