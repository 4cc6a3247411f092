#!/usr/bin/env node
/**
 * Our registry serves only this platform's native packages, so `npm install`
 * leaves the other platforms' optional binaries (turbo, unrs-resolver, …) out
 * of package-lock.json, and `npm ci` then refuses the lock as out of sync.
 * This adds them back as entries that declare their os/cpu: npm ci accepts
 * the lock and skips them here, and a machine of that platform installs them.
 * Run it after every change to dependencies: `node infra/complete-lockfile.mjs`.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const OS = { darwin: 'darwin', windows: 'win32', win32: 'win32', android: 'android', freebsd: 'freebsd', linux: 'linux', openharmony: 'openharmony', sunos: 'sunos', aix: 'aix', netbsd: 'netbsd', openbsd: 'openbsd' };
const CPU = { '64': 'x64', x64: 'x64', arm64: 'arm64', arm: 'arm', ia32: 'ia32', loong64: 'loong64', ppc64: 'ppc64', riscv64: 'riscv64', s390x: 's390x', mips64el: 'mips64el' };

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [location, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${location ? `${location}/` : ''}node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    const tokens = name.split('/').pop().split('-');
    const os = tokens.map((t) => OS[t]).find(Boolean);
    const cpu = tokens.map((t) => CPU[t]).find(Boolean);
    if (!os || !cpu) {
      console.warn(`skipped ${name}: cannot tell its platform from its name`);
      continue;
    }
    packages[`node_modules/${name}`] = {
      version: String(version).replace(/^[\^~]/, ''),
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      os: [os],
      cpu: [cpu],
    };
    added++;
  }
}
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} platform package(s) added`);
