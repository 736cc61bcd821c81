import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const cliPath = fileURLToPath(new URL('../../bin/gongkai.mjs', import.meta.url));

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI as a subprocess, as an operator would. */
export function runCli(args: string[], env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the CLI and kills it with SIGKILL once its progress output matches. */
export function killCliWhen(args: string[], env: Record<string, string>, pattern: RegExp): Promise<{ killed: boolean; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { env: { ...process.env, ...env } });
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (!killed && pattern.test(stderr)) {
        killed = child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', () => resolve({ killed, stderr }));
  });
}

/**
 * The same commands run in this process (src/cli/run.ts), with stdout and
 * stderr captured: for suites that run many commands, where starting a
 * process for each cost seconds. What only a real process shows (exit
 * codes of the binary, signals, the terminal) is tested with runCli.
 */
export async function runCliHere(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const { runReported } = await import('../../src/cli/run.ts');
  let stdout = '';
  let stderr = '';
  const io = {
    out: (line: string) => {
      stdout += `${line}\n`;
    },
    err: (line: string) => {
      stderr += `${line}\n`;
    },
    json: (value: unknown) => {
      stdout += `${JSON.stringify(value, null, 2)}\n`;
    },
    interactive: false,
  };
  const status = await runReported(args, io, { ...process.env, ...env });
  return { status, stdout, stderr };
}
