package dev.strata.cli;

import dev.strata.MigrationEvent;
import dev.strata.MigrationException;
import dev.strata.MigrationListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows {@code migrate} step by step. On a terminal, one live line, redrawn in place five times a
 * second: a bar, the step's number, version and description, and the step's and the run's elapsed
 * time; each finished step is left above it as a line of its own. Elsewhere (a pipe, a file, a CI
 * log) only those plain lines, a start and an end per step. Written here rather than taken from a
 * progress-bar library: steps are few and coarse, and all it needs is a carriage return.
 */
final class Progress implements MigrationListener {
  private static final int BAR_WIDTH = 24;
  private static final int DESCRIPTION_WIDTH = 40;
  private static final long REDRAW_MS = 200;

  private PrintWriter out;
  private boolean live;
  private int total;
  private int step;
  private long runStarted;
  private long stepStarted;
  private MigrationEvent running;
  private int drawnWidth;
  private ScheduledExecutorService ticker;

  /** Before migrate: where to write, how, and how many steps are expected. */
  synchronized void start(PrintWriter out, boolean live, int total) {
    this.out = out;
    this.live = live;
    this.total = total;
    this.runStarted = System.nanoTime();
    if (live) {
      ticker =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread thread = new Thread(task, "strata-progress");
                thread.setDaemon(true);
                return thread;
              });
      ticker.scheduleAtFixedRate(this::redraw, REDRAW_MS, REDRAW_MS, TimeUnit.MILLISECONDS);
    }
  }

  /** After migrate, whatever its outcome: stops redrawing and clears the live line. */
  synchronized void stop() {
    if (ticker != null) {
      ticker.shutdownNow();
      ticker = null;
    }
    running = null;
    clearLine();
    out.flush();
  }

  @Override
  public synchronized void started(MigrationEvent migration) {
    step++;
    // Another process may have applied some meanwhile, or added some: never show 5/4.
    total = Math.max(total, step);
    running = migration;
    stepStarted = System.nanoTime();
    if (live) {
      draw();
    } else {
      out.println(prefix() + "Applying " + name(migration));
    }
    out.flush();
  }

  @Override
  public synchronized void finished(MigrationEvent migration, Duration elapsed) {
    ended("Applied ", migration, elapsed);
  }

  @Override
  public synchronized void failed(
      MigrationEvent migration, MigrationException error, Duration elapsed) {
    ended("Failed ", migration, elapsed);
  }

  private void ended(String verb, MigrationEvent migration, Duration elapsed) {
    running = null;
    clearLine();
    out.println(prefix() + verb + name(migration) + " (" + elapsed.toMillis() + " ms)");
    out.flush();
  }

  private synchronized void redraw() {
    if (running != null) {
      draw();
      out.flush();
    }
  }

  /** The live line, over the previous one. */
  private void draw() {
    int filled = total == 0 ? 0 : BAR_WIDTH * (step - 1) / total;
    String line =
        "["
            + "#".repeat(filled)
            + "-".repeat(BAR_WIDTH - filled)
            + "] "
            + prefix()
            + name(running)
            + "  "
            + seconds(stepStarted)
            + " (total "
            + seconds(runStarted)
            + ")";
    out.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
    drawnWidth = line.length();
  }

  private void clearLine() {
    if (live && drawnWidth > 0) {
      out.print("\r" + " ".repeat(drawnWidth) + "\r");
      drawnWidth = 0;
    }
  }

  private String prefix() {
    return "[" + step + "/" + total + "] ";
  }

  private static String name(MigrationEvent migration) {
    String description = migration.description();
    if (description.length() > DESCRIPTION_WIDTH) {
      description = description.substring(0, DESCRIPTION_WIDTH - 3) + "...";
    }
    return migration.version() + " " + description;
  }

  private static String seconds(long since) {
    return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - since) / 1e9);
  }
}
