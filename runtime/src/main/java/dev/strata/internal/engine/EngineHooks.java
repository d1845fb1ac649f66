package dev.strata.internal.engine;

import java.util.function.LongConsumer;

/** Seams for tests of the engine's races; internal, not API. Production code never sets them. */
public final class EngineHooks {
  private static final LongConsumer NONE = version -> {};

  /**
   * Called with the step's version after a caller read another caller's unfinished claim and before
   * it judges whether that claimant still runs: a test can finish the claimant there.
   */
  private static volatile LongConsumer beforeClaimJudged = NONE;

  private EngineHooks() {}

  /** Sets the hook; {@code null} removes it. */
  public static void beforeClaimJudged(LongConsumer hook) {
    beforeClaimJudged = hook == null ? NONE : hook;
  }

  static void claimRead(long version) {
    beforeClaimJudged.accept(version);
  }
}
