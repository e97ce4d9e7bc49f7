import { CliError, runCli } from '../cli/main.js';

try {
  const result = await runCli(process.argv.slice(2));
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
} catch (error) {
  // The CLI's own messages (and bad arguments) as they are; anything else by its message alone, never a stack.
  const known = error instanceof CliError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(
    `${known ? (error as Error).message : `The command failed: ${error instanceof Error ? error.message : String(error)}`}\n`,
  );
  process.exit(error instanceof CliError ? 2 : 1);
}
