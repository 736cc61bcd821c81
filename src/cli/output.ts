/** How commands talk to a terminal: results on stdout, progress and errors on stderr. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
  json(value: unknown): void;
  interactive: boolean;
}

// A reader that stops early (`gongkai parse … | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

export const processOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  json: (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
  interactive: Boolean(process.stderr.isTTY),
};
