package dev.strata.internal.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zip layout on its own: aligned data, patched CRC-32s, Zip64 past 4 GiB. */
class BackupZipTest {
  private static final Instant TIME = Instant.parse("2026-12-02T10:15:30Z");

  @TempDir Path dir;

  @Test
  void databaseBytesStartAlignedAndTheFinishedZipReadsBack() throws Exception {
    byte[] database = new byte[3 * 4096 + 7];
    for (int i = 0; i < database.length; i++) {
      database[i] = (byte) (i * 31);
    }
    Path zip = write(database.length, database, "{\"sha256\": \"%s\"}");

    try (ZipFile file = new ZipFile(zip.toFile())) {
      List<String> names =
          Collections.list(file.entries()).stream().map(ZipEntry::getName).toList();
      assertEquals(List.of(Backup.MANIFEST, Backup.DATABASE), names);
      ZipEntry entry = file.getEntry(Backup.DATABASE);
      assertEquals(ZipEntry.STORED, entry.getMethod());
      assertEquals(crc(database), entry.getCrc());
      try (InputStream in = file.getInputStream(entry)) {
        assertArrayEquals(database, in.readAllBytes());
      }
      try (InputStream in = file.getInputStream(file.getEntry(Backup.MANIFEST))) {
        assertEquals(
            "{\"sha256\": \"" + "1".repeat(64) + "\"}",
            new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
  }

  /** A sparse file: the entry's 5 GiB of zeros take no disk, and only its ends are read. */
  @Test
  void aDatabaseOf4GibOrMoreGetsZip64Fields() throws Exception {
    long size = 5L << 30;
    Path zip = write(size, "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII), "%s");

    try (ZipFile file = new ZipFile(zip.toFile())) {
      ZipEntry entry = file.getEntry(Backup.DATABASE);
      assertEquals(size, entry.getSize());
      assertEquals(size, entry.getCompressedSize());
      try (InputStream in = file.getInputStream(entry)) {
        assertEquals("SQLite format 3\0", new String(in.readNBytes(16), StandardCharsets.US_ASCII));
        assertEquals(size - 16, in.skip(size));
      }
      assertEquals(64, file.getEntry(Backup.MANIFEST).getSize());
    }
  }

  /** Lays out a zip whose database entry is {@code size} bytes starting with {@code head}. */
  private Path write(long size, byte[] head, String manifestFormat) throws Exception {
    byte[] placeholder =
        String.format(manifestFormat, "0".repeat(64)).getBytes(StandardCharsets.UTF_8);
    BackupZip layout = new BackupZip(placeholder.length, size, TIME);
    assertEquals(0, layout.databaseOffset() % BackupZip.ALIGN);
    Path zip = dir.resolve("layout.zip");
    try (FileChannel channel =
        FileChannel.open(zip, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      byte[] prefix = layout.prefix(placeholder);
      assertEquals(layout.databaseOffset(), prefix.length);
      channel.write(ByteBuffer.wrap(prefix), 0);
      channel.write(ByteBuffer.wrap(head), prefix.length);
      long crc = head.length == size ? crc(head) : 0; // a sparse entry's CRC goes unchecked
      layout.finish(
          channel,
          String.format(manifestFormat, "1".repeat(64)).getBytes(StandardCharsets.UTF_8),
          crc);
    }
    return zip;
  }

  private static long crc(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return crc.getValue();
  }
}
