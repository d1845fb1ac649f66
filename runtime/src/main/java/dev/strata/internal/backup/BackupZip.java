package dev.strata.internal.backup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.zip.CRC32;

/**
 * The layout of a backup zip: {@code manifest.json} then {@code database.sqlite}, both STORED, the
 * database's bytes starting on a 4 KiB boundary. The database is copied in place after {@link
 * #prefix}, by whatever copies fastest (the kernel, without passing through this process), and
 * {@link #finish} then fills in what is known only once it was read: its CRC-32 and, in the
 * manifest, its sha256. The result is a plain zip (Zip64 past 4 GiB) that {@link
 * java.util.zip.ZipFile}, {@code ZipInputStream} and {@code unzip} read.
 */
final class BackupZip {
  /** Where the database's bytes start: aligned, the kernel can copy (or share) whole pages. */
  static final int ALIGN = 4096;

  private static final int LOC = 0x04034b50;
  private static final int CEN = 0x02014b50;
  private static final int END = 0x06054b50;
  private static final int ZIP64_END = 0x06064b50;
  private static final int ZIP64_LOCATOR = 0x07064b50;
  private static final short ZIP64_EXTRA = 0x0001;
  // The tag Android's zipalign gives the padding it puts in a local header's extra field.
  private static final short ALIGNMENT_EXTRA = (short) 0xd935;
  private static final long MAGIC32 = 0xffffffffL;
  private static final short UTF8_NAMES = 0x0800;
  private static final int LOC_SIZE = 30;
  private static final int CEN_SIZE = 46;
  private static final int LOC_CRC = 14;

  private static final byte[] MANIFEST_NAME = Backup.MANIFEST.getBytes(StandardCharsets.UTF_8);
  private static final byte[] DATABASE_NAME = Backup.DATABASE.getBytes(StandardCharsets.UTF_8);

  private final int manifestLength;
  private final long databaseSize;
  private final boolean zip64;
  private final short dosTime;
  private final short dosDate;
  private final long databaseHeader;
  private final long databaseOffset;

  /**
   * @param manifestLength the length of {@code manifest.json}, which {@link #finish} must keep
   * @param databaseSize the exact size of the database's bytes
   * @param time the entries' modification time, in the local time zone as zip tools show it
   */
  BackupZip(int manifestLength, long databaseSize, Instant time) {
    this.manifestLength = manifestLength;
    this.databaseSize = databaseSize;
    this.zip64 = databaseSize >= MAGIC32;
    int dos = dosDateTime(time);
    this.dosTime = (short) dos;
    this.dosDate = (short) (dos >>> 16);
    this.databaseHeader = LOC_SIZE + MANIFEST_NAME.length + (long) manifestLength;
    long unpadded = databaseHeader + LOC_SIZE + DATABASE_NAME.length + zip64ExtraLength();
    this.databaseOffset = unpadded + padding(unpadded);
  }

  /** Where the database's bytes go: right after {@link #prefix}. */
  long databaseOffset() {
    return databaseOffset;
  }

  /**
   * The zip's first bytes: {@code manifest.json} (its sha256 a placeholder of the same length) and
   * the database's local header, their CRC-32s zero until {@link #finish}.
   */
  byte[] prefix(byte[] manifest) {
    requireManifestLength(manifest);
    ByteBuffer out = ByteBuffer.allocate((int) databaseOffset).order(ByteOrder.LITTLE_ENDIAN);
    localHeader(out, MANIFEST_NAME, manifest.length, false);
    out.putShort((short) 0).put(MANIFEST_NAME).put(manifest);
    localHeader(out, DATABASE_NAME, databaseSize, zip64);
    int padding = (int) (databaseOffset - out.position() - 2 - DATABASE_NAME.length);
    out.putShort((short) padding).put(DATABASE_NAME);
    if (zip64) {
      out.putShort(ZIP64_EXTRA).putShort((short) 16).putLong(databaseSize).putLong(databaseSize);
      padding -= 20;
    }
    if (padding > 0) {
      out.putShort(ALIGNMENT_EXTRA).putShort((short) (padding - 4)).putShort((short) ALIGN);
    }
    return out.array();
  }

  /**
   * Completes the zip whose {@link #prefix} and database bytes {@code zip} holds: the final {@code
   * manifest} and both CRC-32s in place, then the central directory at the end.
   */
  void finish(FileChannel zip, byte[] manifest, long databaseCrc) throws IOException {
    requireManifestLength(manifest);
    CRC32 crc = new CRC32();
    crc.update(manifest);
    long manifestCrc = crc.getValue();
    writeFully(zip, ByteBuffer.wrap(manifest), LOC_SIZE + MANIFEST_NAME.length);
    writeFully(zip, crcAt(manifestCrc), LOC_CRC);
    writeFully(zip, crcAt(databaseCrc), databaseHeader + LOC_CRC);

    long centralOffset = databaseOffset + databaseSize;
    boolean zip64End = zip64 || centralOffset >= MAGIC32;
    int centralSize = 2 * CEN_SIZE + MANIFEST_NAME.length + DATABASE_NAME.length;
    centralSize += zip64 ? 20 : 0;
    ByteBuffer out =
        ByteBuffer.allocate(centralSize + (zip64End ? 56 + 20 : 0) + 22)
            .order(ByteOrder.LITTLE_ENDIAN);
    centralHeader(out, MANIFEST_NAME, manifestCrc, manifest.length, 0, false);
    centralHeader(out, DATABASE_NAME, databaseCrc, databaseSize, databaseHeader, zip64);
    if (zip64End) {
      long zip64EndOffset = centralOffset + centralSize;
      out.putInt(ZIP64_END).putLong(44).putShort((short) 45).putShort((short) 45);
      out.putInt(0).putInt(0).putLong(2).putLong(2).putLong(centralSize).putLong(centralOffset);
      out.putInt(ZIP64_LOCATOR).putInt(0).putLong(zip64EndOffset).putInt(1);
    }
    out.putInt(END).putShort((short) 0).putShort((short) 0).putShort((short) 2);
    out.putShort((short) 2).putInt(centralSize);
    out.putInt(zip64End ? (int) MAGIC32 : (int) centralOffset).putShort((short) 0);
    writeFully(zip, out.flip(), centralOffset);
    zip.truncate(centralOffset + out.limit());
  }

  private void localHeader(ByteBuffer out, byte[] name, long size, boolean large) {
    out.putInt(LOC).putShort(version(large)).putShort(UTF8_NAMES).putShort((short) 0);
    out.putShort(dosTime).putShort(dosDate).putInt(0);
    int declared = large ? (int) MAGIC32 : (int) size;
    out.putInt(declared).putInt(declared).putShort((short) name.length);
  }

  private void centralHeader(
      ByteBuffer out, byte[] name, long crc, long size, long offset, boolean large) {
    out.putInt(CEN).putShort(version(large)).putShort(version(large)).putShort(UTF8_NAMES);
    out.putShort((short) 0).putShort(dosTime).putShort(dosDate).putInt((int) crc);
    int declared = large ? (int) MAGIC32 : (int) size;
    out.putInt(declared).putInt(declared).putShort((short) name.length);
    out.putShort((short) (large ? 20 : 0)).putShort((short) 0).putShort((short) 0);
    out.putShort((short) 0).putInt(0).putInt((int) offset).put(name);
    if (large) {
      out.putShort(ZIP64_EXTRA).putShort((short) 16).putLong(size).putLong(size);
    }
  }

  private int zip64ExtraLength() {
    return zip64 ? 20 : 0;
  }

  /** Bytes of alignment padding after {@code end}: none, or an extra field of at least 6. */
  private static long padding(long end) {
    long padding = (ALIGN - end % ALIGN) % ALIGN;
    return padding == 0 || padding >= 6 ? padding : padding + ALIGN;
  }

  private static short version(boolean large) {
    return (short) (large ? 45 : 20);
  }

  private void requireManifestLength(byte[] manifest) {
    if (manifest.length != manifestLength) {
      throw new IllegalStateException(
          "manifest.json is "
              + manifest.length
              + " bytes, the zip was laid out for "
              + manifestLength);
    }
  }

  private static ByteBuffer crcAt(long crc) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, (int) crc);
  }

  private static void writeFully(FileChannel channel, ByteBuffer bytes, long position)
      throws IOException {
    while (bytes.hasRemaining()) {
      position += channel.write(bytes, position);
    }
  }

  /** MS-DOS date and time, as {@link java.util.zip.ZipEntry#setTime} encodes them. */
  private static int dosDateTime(Instant time) {
    LocalDateTime t = LocalDateTime.ofInstant(time, ZoneId.systemDefault());
    if (t.getYear() < 1980) {
      return (1 << 21) | (1 << 16);
    }
    return (t.getYear() - 1980) << 25
        | t.getMonthValue() << 21
        | t.getDayOfMonth() << 16
        | t.getHour() << 11
        | t.getMinute() << 5
        | t.getSecond() >> 1;
  }
}
