/** Stops what global-setup started, last started first. */
export default async function globalTeardown() {
  const started = globalThis.__TRAIETTORIE_INFRA__ ?? [];
  for (const resource of started.reverse()) await resource.stop();
}
