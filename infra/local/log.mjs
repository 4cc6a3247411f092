/** Progress output for infrastructure steps: one line each, on stderr, prefixed. */
export function createLog(prefix = 'infra') {
  return (message) => process.stderr.write(`[${prefix}] ${message}\n`);
}
