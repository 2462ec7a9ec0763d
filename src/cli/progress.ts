import { Presets, SingleBar } from "cli-progress";
import type { ScoutEvent } from "@/shared/events";
import type { Output } from "./cli-deps";

export type ProgressReporter = {
  show(event: ScoutEvent): void;
  /** Ends the live display. */
  stop(): void;
};

/** Progress goes to stderr, so stdout carries only the table or the JSON a script reads. */
export function createProgressReporter(options: {
  terminal: NodeJS.WriteStream | null;
  stderr: Output;
}): ProgressReporter {
  return options.terminal ? createProgressBar(options.terminal) : createProgressLines(options.stderr);
}

/** One line per phase change, progress step and warning: readable in logs and pipes. */
function createProgressLines(stderr: Output): ProgressReporter {
  return {
    show(event) {
      if (event.type === "status") stderr.write(`[${event.phase}] ${event.message}\n`);
      else if (event.type === "progress") stderr.write(`[analyzing] ${event.message}\n`);
      else if (event.type === "warning") stderr.write(`Warning: ${event.message}\n`);
    },
    stop() {
      // Nothing is held back.
    },
  };
}

function createProgressBar(terminal: NodeJS.WriteStream): ProgressReporter {
  const bar = new SingleBar(
    {
      stream: terminal,
      format: "{bar} {phase}: {message}",
      barsize: 24,
      hideCursor: true,
      clearOnComplete: false,
      // The phase messages change between ticks; redraw them even when the count does not move.
      forceRedraw: true,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    show(event) {
      // Writing while the bar redraws would tear it; the summary after the run lists the warnings.
      if (event.type !== "status" && event.type !== "progress") return;
      const payload = { phase: event.phase, message: event.message };
      if (!started) {
        bar.start(1, 0, payload);
        started = true;
      }
      if (event.type === "progress") {
        bar.setTotal(Math.max(event.total, 1));
        bar.update(event.analyzed, payload);
      } else {
        bar.update(payload);
      }
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
