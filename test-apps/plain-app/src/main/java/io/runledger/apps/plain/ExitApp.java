package io.runledger.apps.plain;

import java.util.Set;
import java.util.TreeSet;

/**
 * Ends in the way its first argument says, so that each exit path can be run under the agent:
 * {@code normal}, {@code exit N}, {@code throw}, {@code sleep MILLIS} (to be signalled), {@code threads}
 * (prints the live non-daemon threads other than main).
 */
public final class ExitApp {

    public static void main(String[] args) throws Exception {
        String mode = args.length == 0 ? "normal" : args[0];
        System.out.println("exit-app mode=" + mode);
        switch (mode) {
            case "normal":
                System.out.println("sum=" + sum(1000));
                return;
            case "exit":
                System.out.println("exiting with " + args[1]);
                System.exit(Integer.parseInt(args[1]));
                return;
            case "throw":
                throw new IllegalStateException("training data is broken (connection password=hunter2)");
            case "sleep":
                System.out.println("ready");
                System.out.flush();
                Thread.sleep(Long.parseLong(args[1]));
                System.out.println("woke up");
                return;
            case "threads":
                Set<String> names = new TreeSet<>();
                for (Thread t : Thread.getAllStackTraces().keySet()) {
                    if (!t.isDaemon() && t != Thread.currentThread()) {
                        names.add(t.getName());
                    }
                }
                System.out.println("non-daemon threads besides main: " + names);
                return;
            default:
                throw new IllegalArgumentException("unknown mode " + mode);
        }
    }

    private static long sum(int n) {
        long s = 0;
        for (int i = 1; i <= n; i++) {
            s += i;
        }
        return s;
    }
}
