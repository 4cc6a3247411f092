/** A timestamped progress line on stdout, prefixed with what it is about. */
export function progress(what: string, message: string): void {
  const time = new Date().toISOString().slice(11, 19);
  console.log(`${time} [${what}] ${message}`);
}
