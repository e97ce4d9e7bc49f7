import { spawn } from 'node:child_process';

/** How long a trainer gets to exit after SIGTERM before SIGKILL. */
const KILL_GRACE_MS = 2_000;
/** Output kept for a failure reason: Ultralytics prints the cause at the end. */
const TAIL_CHARS = 4_000;

export interface TrainerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the executable could not be started at all. */
  spawnError?: string;
}

export interface TrainerProcess {
  pid: number | undefined;
  /** When the process started (`Date.now()`), once it has; never set when it could not be started. */
  readonly startedAt: number | undefined;
  exited: Promise<TrainerExit>;
  /** The last part of stdout and stderr together. */
  tail(): string;
  /** Stops the trainer and everything it started (its process group): SIGTERM, then SIGKILL. */
  kill(): Promise<void>;
}

/** Runs the Ultralytics CLI in a process group of its own, so stopping it also stops its data loader workers. */
export function runCli(executable: string, args: string[], cwd: string): TrainerProcess {
  const child = spawn(executable, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let startedAt: number | undefined;
  child.once('spawn', () => (startedAt = Date.now()));
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-TAIL_CHARS);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<TrainerExit>((resolve) => {
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
  return {
    pid: child.pid,
    get startedAt() {
      return startedAt;
    },
    exited,
    tail: () => output,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), KILL_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
