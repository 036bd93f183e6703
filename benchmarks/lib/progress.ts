// The progress line on stderr: rewritten in place (\r) on a terminal, one plain line per
// update otherwise (CI logs). stdout stays free for the summary.

export interface Progress {
  /** Replaces the current progress line. */
  update(message: string): void;
  /** Prints a line that stays (a finished suite, a warning). */
  note(message: string): void;
  /** Clears the progress line before other output. */
  done(): void;
}

export function progressLine(stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = stream.isTTY;
  let shown = false;
  const clear = () => {
    if (tty && shown) stream.write('\r\x1b[K');
    shown = false;
  };
  return {
    update(message) {
      if (tty) {
        const width = Math.max(20, (stream.columns || 100) - 1);
        stream.write(`\r\x1b[K${message.slice(0, width)}`);
        shown = true;
      } else {
        stream.write(`${message}\n`);
      }
    },
    note(message) {
      clear();
      stream.write(`${message}\n`);
    },
    done: clear,
  };
}

/** Discards everything (programmatic runs, tests). */
export const silentProgress: Progress = {
  update: () => undefined,
  note: () => undefined,
  done: () => undefined,
};
