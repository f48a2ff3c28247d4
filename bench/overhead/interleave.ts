/** Times several contenders in interleaved rounds, so that drift (CPU frequency, GC, other load) hits all alike. */

export interface Contender {
  name: string;
  run: () => Promise<unknown>;
}

export interface InterleaveOptions {
  /** Untimed calls per contender before timing starts (JIT, connection, lazy auth). */
  warmup: number;
  /** Rounds; each contender runs one batch per round, and the starting contender rotates every round. */
  rounds: number;
  /** Timed calls per contender per round. */
  batch: number;
}

/** Runs the contenders and returns each one's per-call times in ms, rounds × batch samples each. */
export async function interleave(contenders: readonly Contender[], options: InterleaveOptions): Promise<Map<string, number[]>> {
  const samples = new Map(contenders.map((c) => [c.name, [] as number[]]));
  for (let i = 0; i < options.warmup; i += 1) {
    for (const contender of contenders) await contender.run();
  }
  for (let round = 0; round < options.rounds; round += 1) {
    for (let k = 0; k < contenders.length; k += 1) {
      const contender = contenders[(round + k) % contenders.length] as Contender;
      const times = samples.get(contender.name) as number[];
      for (let i = 0; i < options.batch; i += 1) {
        const started = performance.now();
        await contender.run();
        times.push(performance.now() - started);
      }
    }
  }
  return samples;
}
