/**
 * Jest runs the compiled ES modules in each workspace's dist/ (built by tsc,
 * so decorator metadata is real), in three tiers named by suffix.
 */
const tier = (displayName, suffix, roots) => ({
  displayName,
  testEnvironment: 'node',
  transform: {},
  testMatch: roots.map((root) => `<rootDir>/${root}/dist/**/*.${suffix}.spec.js`),
});

const workspaces = ['contracts', 'packages/*', 'services/*'];

export default {
  projects: [
    tier('unit', 'unit', workspaces),
    tier('integration', 'int', workspaces),
    tier('e2e', 'e2e', ['e2e']),
  ],
  globalSetup: '<rootDir>/infra/jest/global-setup.mjs',
  globalTeardown: '<rootDir>/infra/jest/global-teardown.mjs',
  testTimeout: 120_000,
  maxWorkers: 2,
  verbose: true,
};
