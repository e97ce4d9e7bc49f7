import { spawn } from 'node:child_process';

/** How long a child gets to exit after SIGTERM before SIGKILL. */
const KILL_GRACE_MS = 2_000;
/** Output kept for a failure reason: command-line tools print the cause at the end. */
const TAIL_CHARS = 8_000;

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the executable could not be started at all. */
  spawnError?: string;
}

export interface ChildRun {
  pid: number | undefined;
  exited: Promise<ChildExit>;
  /** The last part of stdout and stderr together. */
  tail(): string;
  /** Stops the child and everything it started (its process group): SIGTERM, then SIGKILL; resolves once it exited. */
  kill(): Promise<void>;
}

export interface ChildOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Aborting it kills the child (a job that was cancelled, a worker that stops). */
  signal?: AbortSignal;
  /** Each chunk of output as it arrives (stdout and stderr), e.g. to follow progress. */
  onOutput?: (text: string) => void;
}

/**
 * Runs an external program (the Ultralytics CLI) in a process group of its own, so that stopping it also stops the
 * processes it started (data loader workers), and a job's cancellation reaches the work itself.
 */
export function runChild(executable: string, args: string[], options: ChildOptions): ChildRun {
  const child = spawn(executable, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    output = (output + text).slice(-TAIL_CHARS);
    options.onOutput?.(text);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<ChildExit>((resolve) => {
    child.once('error', (error) => resolve({ code: null, signal: null, spawnError: error.message }));
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
    signalGroup('SIGTERM');
    const timer = setTimeout(() => signalGroup('SIGKILL'), KILL_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };
  if (options.signal) {
    const onAbort = () => void kill();
    if (options.signal.aborted) onAbort();
    else {
      options.signal.addEventListener('abort', onAbort, { once: true });
      void exited.then(() => options.signal!.removeEventListener('abort', onAbort));
    }
  }
  return { pid: child.pid, exited, tail: () => output, kill };
}
