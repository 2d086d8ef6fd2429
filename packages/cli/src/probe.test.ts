import { expect, test } from 'vitest';
import { probe } from '@netmigrate/inf';
test('source condition', () => { expect(probe).toBe(1); });
