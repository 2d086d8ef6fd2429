// @netmigrate/testing: the vendor test kit. Build an NT 3.51/4.0 registry, run the whole
// upgrade against your plugin in a temporary directory, assert on the answer file, the
// Compatibility Report and the target registry.

export { nt351, nt4, NtFixture, NtRegistryBuilder, tcpipValues, type AdapterSpec, type AdapterTcpip, type NtOptions, type NtProduct, type SoftwareSpec, type TcpipSpec } from './builder.js';
export { FixtureError, reg, TypedData, type RegData, type RegTree } from './values.js';
export { AnswerFileText, type AnswerFileEntry } from './answer-file.js';
export { runUpgrade, RunUpgradeError, type RegistryInput, type RunDirs, type RunUpgradeOptions, type UpgradeRun } from './run.js';
export {
  describeValue, expectKey, expectSection, expectValue, KeyAssertion, matchGolden, SectionAssertion, ValueAssertion,
  type GoldenOptions, type KeySource, type SectionSource,
} from './expect.js';
export { buildForSandbox, BuildError } from './build.js';
