package dev.strata.internal.backup;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;

/** The sha256 and the CRC-32 (a STORED zip entry declares it) of part of a file, in one pass. */
record FileDigest(long size, String sha256, long crc32) {
  static final int BUFFER = 1 << 20;

  /** The digest of the {@code size} bytes of {@code file} from {@code offset}. */
  static FileDigest of(FileChannel file, long offset, long size) throws IOException {
    MessageDigest sha = newSha256();
    CRC32 crc = new CRC32();
    byte[] buffer = new byte[BUFFER];
    ByteBuffer wrapped = ByteBuffer.wrap(buffer);
    for (long done = 0; done < size; ) {
      wrapped.clear().limit((int) Math.min(BUFFER, size - done));
      int n = file.read(wrapped, offset + done);
      if (n < 0) {
        throw new EOFException(
            "the copy ends after " + done + " of its " + size + " bytes; was it truncated?");
      }
      sha.update(buffer, 0, n);
      crc.update(buffer, 0, n);
      done += n;
    }
    return new FileDigest(size, hex(sha), crc.getValue());
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  static String hex(MessageDigest sha) {
    return HexFormat.of().formatHex(sha.digest());
  }
}
