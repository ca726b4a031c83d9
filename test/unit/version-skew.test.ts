import { describe, expect, it } from 'vitest';
import { versionLabel } from '../../cli/agents-command.js';
import { compatibleRange, versionSkew } from '../../shared/version-skew.js';

describe('which versions work together', () => {
  it.each([
    ['0.2.0', '0.2.0', 'same'],
    ['0.1.0', '0.2.0', 'older'],
    ['0.3.4', '0.2.0', 'newer'],
    ['0.2.1', '0.2.3', 'older'],
    ['0.2.3', '0.2.1', 'newer'],
    ['0.0.9', '0.2.0', 'incompatible'],
    ['0.4.0', '0.2.0', 'incompatible'],
    ['1.2.0', '0.2.0', 'incompatible'],
    ['nonsense', '0.2.0', 'incompatible'],
    ['v0.2.0', '0.2.0', 'same'],
  ] as const)('an agent of %s with a controller of %s: %s', (agent, controller, skew) => {
    expect(versionSkew(agent, controller)).toBe(skew);
  });

  it('says the range a controller works with, and berth agents marks the others', () => {
    expect(compatibleRange('0.2.0')).toBe('0.1 to 0.3');
    expect(compatibleRange('1.0.5')).toBe('1.0 to 1.1');
    expect(versionLabel('0.2.0', '0.2.0')).toBe('0.2.0');
    expect(versionLabel('0.1.0', '0.2.0')).toBe('0.1.0 (older)');
    expect(versionLabel('0.3.0', '0.2.0')).toBe('0.3.0 (newer)');
    expect(versionLabel('0.2.0', '')).toBe('0.2.0');
  });
});
