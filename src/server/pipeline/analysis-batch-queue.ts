import { pushable } from "it-pushable";
import type { RepoMetadata } from "@/shared/repos";

/**
 * Candidates waiting for the analyzer, cut into analysis batches (one analyzer call each): a batch is
 * released the moment it is full, and the last, smaller one once no more candidates will come.
 */
export type AnalysisBatchQueue = {
  /** The released batches, in order, for runBatches to start as slots free up. */
  batches: AsyncIterable<RepoMetadata[]>;
  /** Queues candidates; with `last`, releases the remainder too. Returns how many batches it released. */
  add: (repos: readonly RepoMetadata[], options: { last: boolean }) => number;
  /** No further batches: runBatches ends once those released are done. */
  end: () => void;
};

export function createAnalysisBatchQueue({ batchSize }: { batchSize: number }): AnalysisBatchQueue {
  const batches = pushable<RepoMetadata[]>({ objectMode: true });
  let waiting: RepoMetadata[] = [];
  return {
    batches,
    add(repos, { last }) {
      waiting.push(...repos);
      const released = last ? Math.ceil(waiting.length / batchSize) : Math.floor(waiting.length / batchSize);
      for (let index = 0; index < released; index += 1)
        batches.push(waiting.slice(index * batchSize, (index + 1) * batchSize));
      waiting = waiting.slice(released * batchSize);
      return released;
    },
    end() {
      batches.end();
    },
  };
}
