package io.runledger.apps.legacy;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

/**
 * Reads one file of a directory through each JDK API a hand-written loader might use, opens one more
 * without reading it, and writes one: the files read are what the agent must list.
 *
 * <p>Usage: {@code JdkReads DIR} with files {@code 1.csv} .. {@code 8.csv} and {@code unread.csv} in it.
 */
public final class JdkReads {

    public static void main(String[] args) throws IOException {
        Path dir = Paths.get(args[0]);
        long total = 0;
        try (InputStream in = new FileInputStream(dir.resolve("1.csv").toFile())) {
            total += in.readAllBytes().length;
        }
        try (InputStream in = Files.newInputStream(dir.resolve("2.csv"))) {
            total += in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        try (SeekableByteChannel ch = Files.newByteChannel(dir.resolve("3.csv"))) {
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            for (int n = ch.read(buffer); n >= 0; n = ch.read(buffer)) {
                total += n;
                buffer.clear();
            }
        }
        total += Files.readAllBytes(dir.resolve("4.csv")).length;
        try (Stream<String> lines = Files.lines(dir.resolve("5.csv"))) {
            total += lines.mapToLong(l -> l.length() + 1).sum();
        }
        try (BufferedReader r = Files.newBufferedReader(dir.resolve("6.csv"), StandardCharsets.UTF_8)) {
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                total += l.length() + 1;
            }
        }
        try (FileChannel ch = FileChannel.open(dir.resolve("7.csv"))) {
            ByteBuffer buffer = ByteBuffer.allocate((int) ch.size());
            while (buffer.hasRemaining() && ch.read(buffer) >= 0) {
                // fill
            }
            total += buffer.position();
        }
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("8.csv").toFile(), "r")) {
            byte[] all = new byte[(int) f.length()];
            f.readFully(all);
            total += all.length;
        }
        new FileInputStream(dir.resolve("unread.csv").toFile()).close();
        Files.writeString(dir.resolve("written.csv"), "a,b\n");
        System.out.println("read " + total);
    }

    private JdkReads() {
    }
}
