import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostics.js';

describe('formatDiagnostic', () => {
  it('file:line:col, severity, who it is about, message and code', () => {
    expect(formatDiagnostic({ severity: 'error', code: 'netmap-bad-method', message: 'mapping method 1 is not defined', file: '/oem/netmap.inf', line: 2, column: 8 })).toBe(
      '/oem/netmap.inf:2:8: error: mapping method 1 is not defined [netmap-bad-method]',
    );
    expect(formatDiagnostic({ severity: 'warning', code: 'x', message: 'm', file: 'f', line: 3 })).toBe('f:3: warning: m [x]');
    expect(formatDiagnostic({ severity: 'error', code: 'hook', message: 'timed out', component: 'DataFire1', plugin: '@digi/p', hook: 'DoPreUpgradeProcessing' })).toBe(
      'error: component DataFire1, plugin @digi/p, hook DoPreUpgradeProcessing: timed out [hook]',
    );
  });
});
