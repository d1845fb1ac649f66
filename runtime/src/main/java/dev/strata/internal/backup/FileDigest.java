package dev.strata.internal.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.zip.CRC32;

/** The sha256 (and the CRC-32 a STORED zip entry declares up front) of a file, in one pass. */
record FileDigest(long size, String sha256, long crc32) {
  static final int BUFFER = 1 << 20;

  static FileDigest of(Path file) throws IOException {
    MessageDigest sha = newSha256();
    CRC32 crc = new CRC32();
    long size = 0;
    byte[] buffer = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, n);
        crc.update(buffer, 0, n);
        size += n;
      }
    }
    return new FileDigest(size, hex(sha), crc.getValue());
  }

  /** The digest {@code hashing} computes of {@code file}, its failure as an {@link IOException}. */
  static FileDigest await(Future<FileDigest> hashing, Path file) throws IOException {
    try {
      return hashing.get();
    } catch (InterruptedException e) {
      hashing.cancel(true);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while hashing " + file);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException("hashing " + file + " failed: " + e.getCause(), e.getCause());
    }
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
