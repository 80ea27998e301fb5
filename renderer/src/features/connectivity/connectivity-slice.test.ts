import { describe, expect, test } from 'vitest';
import {
  connectionBadge,
  connectivitySlice,
  hubReached,
  hubUnreachable,
  networkWentOffline,
  networkWentOnline,
} from './connectivity-slice';

const reduce = connectivitySlice.reducer;
const info = { name: 'hub', version: '0.1.0', protocolVersion: 1, database: 'pglite' as const };

describe('connection badge', () => {
  test('follows the network and the hub', () => {
    let s = reduce(undefined, { type: 'init' });
    expect(connectionBadge(s)).toBe('checking');
    s = reduce(s, hubReached(info));
    expect(connectionBadge(s)).toBe('online');
    s = reduce(s, networkWentOffline());
    expect(connectionBadge(s)).toBe('offline');
    s = reduce(s, networkWentOnline());
    expect(connectionBadge(s)).toBe('hubUnreachable');
    s = reduce(s, hubReached(info));
    expect(connectionBadge(s)).toBe('online');
    s = reduce(s, hubUnreachable());
    expect(connectionBadge(s)).toBe('hubUnreachable');
  });
});
