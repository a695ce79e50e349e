package io.runledger.apps.legacy;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Reads every file of a directory (sorted, one by one, the way a legacy loader walks a data folder),
 * then optionally one big file, and prints a CRC of everything read with the time it took. Used by the
 * directory-source test and by bench/file-overhead.sh (10,000 small files and a 1 GB file).
 *
 * <p>Usage: {@code FileSweep DIR [BIGFILE [MAPPEDFILE]]}: the last one is read through a memory mapping.
 */
public final class FileSweep {

    public static void main(String[] args) throws IOException {
        long start = System.nanoTime();
        CRC32 crc = new CRC32();
        List<Path> files;
        try (Stream<Path> list = Files.list(Paths.get(args[0]))) {
            files = list.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
        long bytes = 0;
        for (Path f : files) {
            byte[] content = Files.readAllBytes(f);
            crc.update(content);
            bytes += content.length;
        }
        long smallDone = System.nanoTime();
        if (args.length > 1) {
            byte[] buffer = new byte[1 << 20];
            try (InputStream in = new FileInputStream(args[1])) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    crc.update(buffer, 0, n);
                    bytes += n;
                }
            }
        }
        if (args.length > 2) {
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(Paths.get(args[2]))) {
                java.nio.MappedByteBuffer map = ch.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, ch.size());
                byte[] content = new byte[map.remaining()];
                map.get(content);
                crc.update(content);
                bytes += content.length;
            }
        }
        long end = System.nanoTime();
        System.out.printf("files %d bytes %d crc %08x small-ms %d big-ms %d%n", files.size(), bytes, crc.getValue(),
                (smallDone - start) / 1_000_000, (end - smallDone) / 1_000_000);
    }

    private FileSweep() {
    }
}
