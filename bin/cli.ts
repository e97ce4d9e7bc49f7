import { CliError, runCli } from '../cli/main.js';

try {
  const result = await runCli(process.argv.slice(2));
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
} catch (error) {
  process.stderr.write(`${error instanceof CliError || error instanceof TypeError ? error.message : String(error)}\n`);
  process.exit(error instanceof CliError ? 2 : 1);
}
